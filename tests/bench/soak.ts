// npm run soak — a few minutes of mixed traffic with faults; SOAK_SECONDS (default 180).
import { soak } from "./soak-run";

const seconds = Number(process.env.SOAK_SECONDS ?? 180);
const report = await soak(seconds);
const growth = ((report.rssAtEndMb - report.rssAfterWarmupMb) / report.rssAfterWarmupMb) * 100;
console.log(JSON.stringify(report.byOperation));
console.log([
  `Soak: ${seconds} s, ${report.requests} requests (${Math.round(report.requests / seconds)}/s), ${report.faultsInjected} faults injected, ${report.faultAnswers} answered 502/504.`,
  `Unexpected statuses: ${report.unexpected.length}${report.unexpected.length ? ` (${report.unexpected.slice(0, 5).join(", ")})` : ""}.`,
  `RSS after warm-up ${report.rssAfterWarmupMb.toFixed(1)} MB, at the end ${report.rssAtEndMb.toFixed(1)} MB (${growth >= 0 ? "+" : ""}${growth.toFixed(1)} %; limit 15 %).`,
  `Open file descriptors ${report.fdsAfterWarmup} → ${report.fdsAtEnd}.`,
].join("\n"));
process.exit(report.unexpected.length === 0 && growth <= 15 ? 0 : 1);
