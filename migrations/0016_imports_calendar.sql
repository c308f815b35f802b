CREATE TABLE `proposal_imports` (
	`id` text PRIMARY KEY NOT NULL,
	`regency_code` text NOT NULL,
	`channel` text NOT NULL,
	`village_code` text NOT NULL,
	`year` integer NOT NULL,
	`content_hash` text NOT NULL,
	`filename` text NOT NULL,
	`format` text NOT NULL,
	`r2_key` text NOT NULL,
	`status` text NOT NULL,
	`row_count` integer NOT NULL,
	`create_count` integer NOT NULL,
	`skip_count` integer NOT NULL,
	`error_count` integer NOT NULL,
	`ambiguous_count` integer NOT NULL,
	`choices` text DEFAULT '{}' NOT NULL,
	`written` integer DEFAULT 0 NOT NULL,
	`started` integer DEFAULT 0 NOT NULL,
	`error` text,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`committed_by` text,
	`committed_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `proposal_imports_file_idx` ON `proposal_imports` (`regency_code`,`channel`,`village_code`,`year`,`content_hash`);--> statement-breakpoint
CREATE INDEX `proposal_imports_village_idx` ON `proposal_imports` (`village_code`,`created_at`);--> statement-breakpoint
CREATE TABLE `stage_windows` (
	`regency_code` text NOT NULL,
	`year` integer NOT NULL,
	`stage` text NOT NULL,
	`opens_on` text NOT NULL,
	`closes_on` text NOT NULL,
	`extended_reason` text,
	`updated_by` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`regency_code`, `year`, `stage`)
);
--> statement-breakpoint
ALTER TABLE `proposals` ADD `import_id` text;--> statement-breakpoint
ALTER TABLE `proposals` ADD `import_row` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `proposals_import_row_idx` ON `proposals` (`import_id`,`import_row`) WHERE "proposals"."import_id" IS NOT NULL;