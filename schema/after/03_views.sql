CREATE VIEW order_totals AS
SELECT customer_id, count(*) AS orders, sum(total) AS total
FROM orders
WHERE status <> 'refunded'
GROUP BY customer_id;

COMMENT ON VIEW order_totals IS 'Revenue per customer, refunds excluded';
