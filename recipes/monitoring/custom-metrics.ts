/**
 * Recipe 2.14 Storing Custom Data in CloudWatch — stores values of the custom metric PAWS/FooCount and queries them back (metric data needs no cleanup).
 *
 * Book: for i in range(0,100): cw.put_metric_data('PAWS', 'FooCount', i); time.sleep(5);
 * cw.list_metrics(namespace='PAWS'); metric.query(start_time, end_time, 'Maximum').
 * On AWS a new metric takes minutes to be listed, so it is queried by name.
 */
const start = new Date(Date.now() - 60_000);
for (let i = 0; i < 20; i++) await cw.put('PAWS', 'FooCount', i);
const end = new Date(Date.now() + 60_000);
console.log(await cw.metrics({ namespace: 'PAWS' }));
const metric = cw.metric('PAWS', 'FooCount');
console.log(await metric.query(start, end, 'Maximum'));
console.log(await metric.query(start, end, 'Average'));
