CREATE TABLE `renja_exports` (
	`id` text PRIMARY KEY NOT NULL,
	`regency_code` text NOT NULL,
	`year` integer NOT NULL,
	`format` text NOT NULL,
	`view` text NOT NULL,
	`filters` text NOT NULL,
	`requested_by` text NOT NULL,
	`status` text NOT NULL,
	`row_count` integer,
	`r2_key` text,
	`error` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`completed_at` text
);
--> statement-breakpoint
CREATE INDEX `renja_exports_regency_idx` ON `renja_exports` (`regency_code`,`created_at`);--> statement-breakpoint
CREATE TABLE `renja_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`regency_code` text NOT NULL,
	`year` integer NOT NULL,
	`sort_key` text NOT NULL,
	`agency_id` text NOT NULL,
	`proposal_id` text NOT NULL,
	`sub_activity_code` text NOT NULL,
	`district_code` text NOT NULL,
	`village_code` text,
	`volume` real NOT NULL,
	`unit` text,
	`pagu` integer NOT NULL,
	`funding_source` text,
	`tracking_codes` text NOT NULL,
	`forum_refs` text NOT NULL,
	`status` text NOT NULL,
	`source_stage` text NOT NULL,
	`district_rank` integer,
	`village_rank` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `renja_lines_scope_idx` ON `renja_lines` (`regency_code`,`year`,`sort_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `renja_lines_once_idx` ON `renja_lines` (`proposal_id`,`agency_id`);