// parindex/widget's types, checked by tsc with the usage file (test/node/package.test.mjs).
import { mount, format, roundHalfAway, configure, describeError, simulateInWorker, ParindexWhatif, TAG } from "parindex/widget";

const w: ParindexWhatif = mount(document.body, { province: "Lạng Sơn", index: "par", year: 2023, target: 30, lang: "vi" });
w.target = 25;
w.scorecardData = "code,points\n1,9\n";
const shown: string | null = format("86.865", 2, "vi-VN");
const rounded: string | null = roundHalfAway(0.145, 2);
configure({ wasm: "https://cdn.example.org/parindex_bg.wasm" });
const el = document.createElement(TAG);
const count: number = el.updates + w.timings.length;
const d: { code: string; text: string } = describeError("vi", new Error("x"));
void simulateInWorker({ index: "par", year: 2023 }, { province: "Lạng Sơn", gain: "2", targetRank: 30 });
void [shown, rounded, count, d];
