/**
 * Recipe 2.14 Storing Custom Data in CloudWatch — stores values of the custom metric PAWS/FooCount and queries them back (metric data needs no cleanup).
 *
 * Book: for i in range(0,100): cw.put_metric_data('PAWS', 'FooCount', i); time.sleep(5);
 * cw.list_metrics(namespace='PAWS'); metric.query(start_time, end_time, 'Maximum').
 */
const start = new Date(Date.now() - 60_000);
for (let i = 0; i < 20; i++) await cw.put('PAWS', 'FooCount', i);
const end = new Date(Date.now() + 60_000);
const [metric] = await cw.metrics({ namespace: 'PAWS' });
console.log(metric);
console.log(await metric.query(start, end, 'Maximum'));
console.log(await metric.query(start, end, 'Average'));
