// Summaries of `compare --json` documents for bench/compare/run.sh.
//   one FILE         verdict counts, geomean, the cases that changed most
//   twice A B        the changed cases of run A and whether run B agrees
//   aa F1 F2 F3      A = A: the rate of cases called slower or faster
const fs = require('fs');
const [mode, ...files] = process.argv.slice(2);
const docs = files.map(f => JSON.parse(fs.readFileSync(f)));
const fmt = e => e ? `x${e.ratio.toFixed(3)} [${e.ci_low.toFixed(3)}, ${e.ci_high.toFixed(3)}]` : '-';
const changed = d => d.cases.filter(c => c.verdict === 'slower' || c.verdict === 'faster')
  .sort((a, b) => Math.abs(Math.log(b.execution.ratio)) - Math.abs(Math.log(a.execution.ratio)));
if (mode === 'one') {
  const d = docs[0];
  console.log(`  ${d.candidate} / ${d.baseline}: geomean ${fmt(d.geo_mean)} ${d.geo_mean?.verdict}; ` +
    Object.entries(d.verdicts).map(([k, v]) => `${v} ${k}`).join(', '));
  for (const c of changed(d).slice(0, 8)) console.log(`    ${c.case.padEnd(16)} ${c.verdict.padEnd(7)} ${fmt(c.execution)}`);
} else if (mode === 'twice') {
  const [a, b] = docs;
  const byCase = new Map(b.cases.map(c => [c.case, c]));
  const top = changed(a);
  const same = top.filter(c => byCase.get(c.case)?.verdict === c.verdict).length;
  console.log(`  second run confirms ${same} of ${top.length} changed cases of the first:`);
  for (const c of top.slice(0, 10)) {
    const o = byCase.get(c.case);
    console.log(`    ${c.case.padEnd(16)} run1 ${c.verdict.padEnd(7)} ${fmt(c.execution)}   run2 ${(o?.verdict ?? '-').padEnd(7)} ${fmt(o?.execution)}`);
  }
} else if (mode === 'aa') {
  let calls = 0, total = 0;
  for (const d of docs) {
    const bad = changed(d);
    calls += bad.length; total += d.cases.length;
    console.log(`  ${d.candidate} / ${d.baseline}: ${Object.entries(d.verdicts).map(([k, v]) => `${v} ${k}`).join(', ')}; geomean ${fmt(d.geo_mean)}` +
      (bad.length ? `; called: ${bad.map(c => `${c.case} ${c.verdict} ${fmt(c.execution)}`).join('; ')}` : ''));
  }
  console.log(`  A=A: ${calls} of ${total} case verdicts are slower/faster (false-call rate ${(100 * calls / total).toFixed(1)} %; ` +
    `${(100 - 100 * calls / total).toFixed(1)} % called no change)`);
}
