import { Client } from 'pg';

let made = 0;

/** A database of its own on the test server, so suites running at once never see each other's rows. */
export async function freshPostgresDatabase(adminUrl: string, prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  made += 1;
  const name = `${prefix}_${process.pid}_${Date.now()}_${made}`;
  await withAdmin(adminUrl, (admin) => admin.query(`create database ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withAdmin(adminUrl, async (admin) => {
        // A closed pool lets its sockets go a moment after it says it has ended; dropping the
        // database under them would fail them with an error nobody listens for any more.
        const until = Date.now() + 5_000;
        while (Date.now() < until) {
          const open = await admin.query<{ n: string }>('select count(*) as n from pg_stat_activity where datname = $1', [name]);
          if (Number(open.rows[0]?.n ?? 0) === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        await admin.query(`drop database if exists ${name} with (force)`);
      }),
  };
}

async function withAdmin<T>(adminUrl: string, work: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}
