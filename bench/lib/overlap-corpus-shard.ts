/** Worker-thread entry of bench/lib/overlap-corpus.ts: band keys and steady-state flags of one share of the villages. */
import { parentPort, workerData } from "node:worker_threads";
import { runShard, type ShardInput } from "./overlap-corpus.ts";

parentPort?.postMessage(runShard(workerData as ShardInput));
