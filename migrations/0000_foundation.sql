CREATE TABLE `agencies` (
	`id` text PRIMARY KEY NOT NULL,
	`regency_code` text NOT NULL,
	`short_name` text NOT NULL,
	`name` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`regency_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agencies_regency_short_name_idx` ON `agencies` (`regency_code`,`short_name`);--> statement-breakpoint
CREATE TABLE `agency_responsibilities` (
	`regency_code` text NOT NULL,
	`code_prefix` text NOT NULL,
	`agency_id` text NOT NULL,
	PRIMARY KEY(`regency_code`, `code_prefix`),
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agency_responsibilities_agency_idx` ON `agency_responsibilities` (`agency_id`);--> statement-breakpoint
CREATE TABLE `audit_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`regency_code` text,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`data` text
);
--> statement-breakpoint
CREATE INDEX `audit_events_entity_idx` ON `audit_events` (`entity_type`,`entity_id`,`id`);--> statement-breakpoint
CREATE TABLE `proposals` (
	`id` text PRIMARY KEY NOT NULL,
	`tracking_code` text NOT NULL,
	`year` integer NOT NULL,
	`regency_code` text NOT NULL,
	`district_code` text NOT NULL,
	`village_code` text NOT NULL,
	`problem` text NOT NULL,
	`activity` text NOT NULL,
	`description` text,
	`address` text,
	`rt` text,
	`rw` text,
	`latitude` real,
	`longitude` real,
	`volume` real NOT NULL,
	`unit` text NOT NULL,
	`estimated_cost` integer NOT NULL,
	`beneficiary_count` integer,
	`beneficiary_group` text,
	`sub_activity_code` text,
	`village_rank` integer,
	`district_rank` integer,
	`stage` text NOT NULL,
	`status` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`village_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sub_activity_code`) REFERENCES `sub_activities`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `proposals_tracking_code_unique` ON `proposals` (`tracking_code`);--> statement-breakpoint
CREATE INDEX `proposals_scope_idx` ON `proposals` (`regency_code`,`year`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `proposals_district_idx` ON `proposals` (`district_code`,`year`);--> statement-breakpoint
CREATE INDEX `proposals_village_idx` ON `proposals` (`village_code`,`year`,`village_rank`);--> statement-breakpoint
CREATE INDEX `proposals_status_idx` ON `proposals` (`regency_code`,`status`);--> statement-breakpoint
CREATE TABLE `regions` (
	`code` text PRIMARY KEY NOT NULL,
	`level` text NOT NULL,
	`kind` text,
	`parent_code` text,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `regions_parent_idx` ON `regions` (`parent_code`,`name`);--> statement-breakpoint
CREATE TABLE `review_tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`proposal_id` text NOT NULL,
	`kind` text NOT NULL,
	`agency_id` text,
	`regency_code` text NOT NULL,
	`queue_key` text NOT NULL,
	`status` text NOT NULL,
	`assignee` text,
	`due_at` text NOT NULL,
	`decision` text,
	`decision_reason` text,
	`decided_by` text,
	`decided_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `review_tasks_once_idx` ON `review_tasks` (`proposal_id`,`kind`,`queue_key`);--> statement-breakpoint
CREATE INDEX `review_tasks_queue_idx` ON `review_tasks` (`queue_key`,`status`,`due_at`,`id`);--> statement-breakpoint
CREATE TABLE `sub_activities` (
	`code` text PRIMARY KEY NOT NULL,
	`government_level` text NOT NULL,
	`bidang_code` text NOT NULL,
	`bidang_name` text NOT NULL,
	`program_code` text NOT NULL,
	`program_name` text NOT NULL,
	`kegiatan_code` text NOT NULL,
	`kegiatan_name` text NOT NULL,
	`name` text NOT NULL,
	`performance` text,
	`indicator` text,
	`unit` text,
	`implementer` text,
	`spm` integer DEFAULT false NOT NULL,
	`kind` text,
	`previous_code` text,
	`definition` text
);
--> statement-breakpoint
CREATE INDEX `sub_activities_bidang_idx` ON `sub_activities` (`bidang_code`);--> statement-breakpoint
CREATE INDEX `sub_activities_kegiatan_idx` ON `sub_activities` (`kegiatan_code`);