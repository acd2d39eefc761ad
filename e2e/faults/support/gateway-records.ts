import pg from 'pg';

/** What the gateway recorded in its `gateway` schema, read straight from Postgres. */
export async function gatewayRecords(databaseUrl: string): Promise<{ taskIds: string[]; deliveries: number; deliveriesWithTask: number; outboxPending: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tasks = await client.query<{ id: string }>('SELECT id FROM gateway.tasks');
    const deliveries = await client.query<{ total: string; with_task: string }>('SELECT count(*) AS total, count(task_id) AS with_task FROM gateway.deliveries');
    const outbox = await client.query<{ pending: string }>('SELECT count(*) AS pending FROM gateway.outbox WHERE dispatched_at IS NULL');
    return {
      taskIds: tasks.rows.map((row) => row.id),
      deliveries: Number(deliveries.rows[0]?.total ?? 0),
      deliveriesWithTask: Number(deliveries.rows[0]?.with_task ?? 0),
      outboxPending: Number(outbox.rows[0]?.pending ?? 0),
    };
  } finally {
    await client.end();
  }
}
