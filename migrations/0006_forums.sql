CREATE TABLE `budget_envelopes` (
	`id` text PRIMARY KEY NOT NULL,
	`regency_code` text NOT NULL,
	`year` integer NOT NULL,
	`kind` text NOT NULL,
	`target` text NOT NULL,
	`amount` integer NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `budget_envelopes_target_idx` ON `budget_envelopes` (`regency_code`,`year`,`kind`,`target`);--> statement-breakpoint
CREATE TABLE `follow_up_actions` (
	`id` text PRIMARY KEY NOT NULL,
	`forum_id` text NOT NULL,
	`agenda_item_id` text,
	`regency_code` text NOT NULL,
	`owner_agency_id` text NOT NULL,
	`description` text NOT NULL,
	`due_date` text NOT NULL,
	`status` text NOT NULL,
	`notes` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`forum_id`) REFERENCES `forums`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `follow_up_owner_idx` ON `follow_up_actions` (`owner_agency_id`,`status`,`due_date`);--> statement-breakpoint
CREATE INDEX `follow_up_regency_idx` ON `follow_up_actions` (`regency_code`,`status`,`due_date`);--> statement-breakpoint
CREATE TABLE `forum_agenda_items` (
	`id` text PRIMARY KEY NOT NULL,
	`forum_id` text NOT NULL,
	`cluster_id` text,
	`proposal_ids` text NOT NULL,
	`position` integer NOT NULL,
	`budget_at_stake` integer NOT NULL,
	`status` text NOT NULL,
	`decision` text,
	`decision_data` text,
	`decided_by` text,
	`decided_at` text,
	FOREIGN KEY (`forum_id`) REFERENCES `forums`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `forum_agenda_forum_idx` ON `forum_agenda_items` (`forum_id`,`position`);--> statement-breakpoint
CREATE TABLE `forum_attendees` (
	`id` text PRIMARY KEY NOT NULL,
	`forum_id` text NOT NULL,
	`name` text NOT NULL,
	`position` text NOT NULL,
	`agency_id` text,
	`signed_at` text,
	FOREIGN KEY (`forum_id`) REFERENCES `forums`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `forum_attendees_forum_idx` ON `forum_attendees` (`forum_id`);--> statement-breakpoint
CREATE TABLE `forums` (
	`id` text PRIMARY KEY NOT NULL,
	`regency_code` text NOT NULL,
	`year` integer NOT NULL,
	`title` text NOT NULL,
	`held_at` text NOT NULL,
	`place` text NOT NULL,
	`scope_kind` text NOT NULL,
	`scope_districts` text,
	`theme` text,
	`status` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `forums_regency_idx` ON `forums` (`regency_code`,`year`);--> statement-breakpoint
CREATE TABLE `proposal_sources` (
	`proposal_id` text NOT NULL,
	`source_proposal_id` text NOT NULL,
	`forum_item_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`proposal_id`, `source_proposal_id`),
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE no action
);
