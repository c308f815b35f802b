CREATE TABLE `dead_letters` (
	`id` text PRIMARY KEY NOT NULL,
	`queue` text NOT NULL,
	`regency_code` text,
	`body` text NOT NULL,
	`attempts` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`replayed_at` text,
	`replayed_by` text
);
--> statement-breakpoint
CREATE INDEX `dead_letters_queue_idx` ON `dead_letters` (`queue`,`replayed_at`);--> statement-breakpoint
CREATE TABLE `proposal_classifications` (
	`proposal_id` text NOT NULL,
	`sub_activity_code` text NOT NULL,
	`source` text NOT NULL,
	`score` real NOT NULL,
	`reason` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`proposal_id`, `sub_activity_code`),
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sub_activity_code`) REFERENCES `sub_activities`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `audit_events` ADD `dedupe_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `audit_events_dedupe_idx` ON `audit_events` (`dedupe_key`);--> statement-breakpoint
ALTER TABLE `review_tasks` ADD `decision_data` text;--> statement-breakpoint
ALTER TABLE `review_tasks` ADD `reminded_at` text;--> statement-breakpoint
ALTER TABLE `review_tasks` ADD `escalated_at` text;