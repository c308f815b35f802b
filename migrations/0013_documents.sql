CREATE TABLE `letterheads` (
	`regency_code` text PRIMARY KEY NOT NULL,
	`lines` text NOT NULL,
	`place` text NOT NULL,
	`number_pattern` text NOT NULL,
	`logo` text,
	`logo_type` text,
	`updated_by` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `regional_priorities` (
	`regency_code` text NOT NULL,
	`year` integer NOT NULL,
	`code` text NOT NULL,
	`position` integer NOT NULL,
	`priority` text NOT NULL,
	`target` text NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`regency_code`, `year`, `code`)
);
--> statement-breakpoint
ALTER TABLE `forum_attendees` ADD `account_id` text REFERENCES accounts(id);--> statement-breakpoint
ALTER TABLE `forum_attendees` ADD `signed_via` text;--> statement-breakpoint
ALTER TABLE `forum_attendees` ADD `sign_token_hash` text;--> statement-breakpoint
ALTER TABLE `forum_attendees` ADD `sign_token_expires_at` text;--> statement-breakpoint
ALTER TABLE `forums` ADD `minutes_finalised_at` text;--> statement-breakpoint
ALTER TABLE `forums` ADD `minutes_year` integer;--> statement-breakpoint
ALTER TABLE `forums` ADD `minutes_seq` integer;--> statement-breakpoint
ALTER TABLE `forums` ADD `minutes_number` text;--> statement-breakpoint
CREATE UNIQUE INDEX `forums_minutes_number_idx` ON `forums` (`regency_code`,`minutes_year`,`minutes_seq`);--> statement-breakpoint
ALTER TABLE `proposals` ADD `funding_source` text;--> statement-breakpoint
ALTER TABLE `renja_lines` ADD `target` real;--> statement-breakpoint
ALTER TABLE `renja_lines` ADD `next_year_target` real;--> statement-breakpoint
ALTER TABLE `renja_lines` ADD `next_year_pagu` integer;--> statement-breakpoint
ALTER TABLE `renja_lines` ADD `notes` text;--> statement-breakpoint
ALTER TABLE `renja_lines` ADD `priority_code` text;--> statement-breakpoint
-- Hand-written (keep at the end when renumbering): Renja lines written before targets and funding sources existed.
-- The old "APBD" is the kabupaten's own budget; the volume becomes the target only where the village's unit is
-- spelled like the indicator's (other pairs stay empty until the agency sets a target: never a mixed unit).
UPDATE `renja_lines` SET `funding_source` = 'apbd_kabupaten' WHERE `funding_source` = 'APBD';--> statement-breakpoint
UPDATE `renja_lines` SET `target` = `volume` WHERE `target` IS NULL AND lower(trim(`unit`)) = (SELECT lower(trim(`s`.`unit`)) FROM `sub_activities` `s` WHERE `s`.`code` = `renja_lines`.`sub_activity_code`);
