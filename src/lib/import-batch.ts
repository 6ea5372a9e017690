/**
 * The most order rows one `import_orders` call accepts, sized with `npm run bench` to finish
 * well inside the API's 8 s statement timeout at a large merchant's scale (bench/README.md,
 * `import_batch_size`), and enforced by the database with this same number
 * (tests/db/import-batch.test.ts checks the two agree). Clients split larger files into batches
 * of this size.
 */
export const importBatchRows = 1000;
