/**
 * Another process claiming an owner file: it says how its claim went (JSON) on the named pipe given, then holds the
 * claim until its stdin ends, so a test can take a claim at a moment of its choosing and keep it alive.
 */
import { writeFileSync } from 'node:fs';
import { claimOwnerFile } from '../../app/os/owner-file';

const [file, report] = process.argv.slice(2) as [string, string];
const claim = claimOwnerFile(file);
writeFileSync(report, JSON.stringify(claim.claimed ? { claimed: true } : { claimed: false, pid: claim.pid }));
process.stdin.resume();
process.stdin.on('end', () => {
  if (claim.claimed) claim.ownership.release();
  process.exit(0);
});
