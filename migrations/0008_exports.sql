CREATE TABLE `signing_keys` (
	`name` text PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
ALTER TABLE `renja_lines` ADD `td4_sort_key` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `renja_lines_td4_idx` ON `renja_lines` (`regency_code`,`year`,`td4_sort_key`);