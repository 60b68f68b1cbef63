-- {{project}}.{{job}}: a self-contained Flink SQL job (no Kafka needed) to try the release flow.
-- Replace it with your job's SQL; keep the file name in step with jobContent.file in meta.json.

CREATE TABLE orders (
  order_id BIGINT,
  amount   DECIMAL(10, 2),
  ts AS LOCALTIMESTAMP,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '10',
  'fields.amount.min' = '1',
  'fields.amount.max' = '500'
);

CREATE TABLE orders_per_minute (
  window_start TIMESTAMP(3),
  orders       BIGINT,
  total_amount DECIMAL(12, 2)
) WITH (
  'connector' = 'print'
);

INSERT INTO orders_per_minute
SELECT window_start, COUNT(*), SUM(amount)
FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end;
