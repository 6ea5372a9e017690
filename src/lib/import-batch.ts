/**
 * The most order rows one `import_orders` call accepts: measured by `npm run bench` to finish
 * well inside the API's statement timeout, and enforced by the database with this same number
 * (tests/db check the two agree). Clients split larger files into batches of this size.
 */
export const importBatchRows = 1000;
