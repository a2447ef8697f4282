/** A Vietnam day `offset` days from now, as a person types it (dd/mm/yyyy) and as the wire carries it (yyyy-mm-dd). */
export function vietnamDay(offset = 0): { typed: string; iso: string } {
  const d = new Date(Date.now() + offset * 86_400_000);
  const [day, month, year] = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  })
    .format(d)
    .split('/');
  return { typed: `${day}/${month}/${year}`, iso: `${year}-${month}-${day}` };
}
