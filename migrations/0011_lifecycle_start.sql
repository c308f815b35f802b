ALTER TABLE `proposals` ADD `lifecycle_started_at` text;--> statement-breakpoint
CREATE INDEX `proposals_lifecycle_idx` ON `proposals` (`status`,`updated_at`);--> statement-breakpoint
CREATE INDEX `proposals_unstarted_idx` ON `proposals` (`created_at`) WHERE "proposals"."lifecycle_started_at" IS NULL;--> statement-breakpoint
-- Written by hand: drizzle-kit quotes the parts of an expression index as if they were columns.
CREATE INDEX `dead_letters_waiting_proposal_idx` ON `dead_letters` (json_extract(`body`, '$.proposalId')) WHERE "dead_letters"."replayed_at" IS NULL;--> statement-breakpoint
-- Proposals past routing had their lifecycle running; the ones before it are checked (and started when missing) by the reconciler.
UPDATE `proposals` SET `lifecycle_started_at` = `created_at` WHERE `status` NOT IN ('submitted', 'returned', 'verified');