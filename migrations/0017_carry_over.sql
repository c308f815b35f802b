CREATE TABLE `carry_over_choices` (
	`from_proposal_id` text PRIMARY KEY NOT NULL,
	`choice` text NOT NULL,
	`proposal_id` text,
	`decided_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`from_proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `proposals` ADD `carried_from` text;--> statement-breakpoint
CREATE INDEX `proposals_carried_from_idx` ON `proposals` (`carried_from`) WHERE "proposals"."carried_from" IS NOT NULL;