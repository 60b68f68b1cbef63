/**
 * `yyyy-MM-dd HH:mm:ss` in the machine's local time: how the seeds' release script wrote a source
 * record's createTime and how the Streamis server's SQL formats release times.
 */
export function formatLocalDateTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
