CREATE TABLE `overlap_buckets` (
	`band_key` text NOT NULL,
	`proposal_id` text NOT NULL,
	PRIMARY KEY(`band_key`, `proposal_id`)
);
--> statement-breakpoint
CREATE INDEX `overlap_buckets_proposal_idx` ON `overlap_buckets` (`proposal_id`);--> statement-breakpoint
CREATE TABLE `overlap_flags` (
	`id` text PRIMARY KEY NOT NULL,
	`regency_code` text NOT NULL,
	`year` integer NOT NULL,
	`proposal_a` text NOT NULL,
	`proposal_b` text NOT NULL,
	`kind` text NOT NULL,
	`score` real NOT NULL,
	`reasons` text NOT NULL,
	`status` text NOT NULL,
	`cluster_id` text NOT NULL,
	`dismissed_reason` text,
	`dismissed_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `overlap_flags_pair_idx` ON `overlap_flags` (`proposal_a`,`proposal_b`);--> statement-breakpoint
CREATE INDEX `overlap_flags_scope_idx` ON `overlap_flags` (`regency_code`,`year`,`status`,`cluster_id`);--> statement-breakpoint
CREATE INDEX `overlap_flags_b_idx` ON `overlap_flags` (`proposal_b`);