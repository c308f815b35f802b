-- Band keys become 53-bit integers scoped by desa and year. The old text keys cannot be converted: they are
-- rebuilt as proposals are routed, or all at once with POST /api/v1/overlaps/recheck.
DROP TABLE `overlap_buckets`;--> statement-breakpoint
CREATE TABLE `overlap_buckets` (
	`band_key` integer NOT NULL,
	`proposal_id` text NOT NULL,
	PRIMARY KEY(`band_key`, `proposal_id`)
);
