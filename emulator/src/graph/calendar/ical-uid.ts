import { randomBytes } from 'node:crypto';
import { parseDate } from '../../recurrence/civil-date.ts';

/**
 * iCalUId values in the shape Outlook gives them: the hex of a MAPI GlobalObjectId (MS-OXOCAL 2.2.1.27):
 * class id, 4 bytes of instance date (zero for the meeting itself), creation FILETIME, 8 reserved bytes,
 * a data size and 16 random bytes. `resources/event.md`: the id is unique across calendars, identical on
 * the organizer's and attendees' copies, and "different for each occurrence in a recurring series", which
 * the instance-date bytes provide.
 */
const CLASS_ID = '040000008200E00074C5B7101A82E008';
const EPOCH_DIFF_100NS = 116_444_736_000_000_000n;

/** A fresh iCalUId for a new meeting. */
export function newICalUId(nowMs: number): string {
  const filetime = Buffer.alloc(8);
  filetime.writeBigUInt64LE(BigInt(Math.max(0, Math.floor(nowMs))) * 10_000n + EPOCH_DIFF_100NS);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(16);
  return (
    CLASS_ID +
    '00000000' +
    filetime.toString('hex') +
    '0'.repeat(16) +
    size.toString('hex') +
    randomBytes(16).toString('hex')
  ).toUpperCase();
}

/** The iCalUId of one occurrence (`yyyy-mm-dd`) of the series with `seriesUid`. */
export function occurrenceICalUId(seriesUid: string, date: string): string {
  const d = parseDate(date);
  if (!d) return seriesUid;
  const instance =
    d.year.toString(16).padStart(4, '0') + d.month.toString(16).padStart(2, '0') + d.day.toString(16).padStart(2, '0');
  if (seriesUid.length >= 40 && seriesUid.toUpperCase().startsWith(CLASS_ID)) {
    return seriesUid.slice(0, 32) + instance.toUpperCase() + seriesUid.slice(40);
  }
  return `${seriesUid}-${date}`;
}
