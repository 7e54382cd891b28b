/**
 * Recipe 2.12 Monitoring the Performance of Your Instance — turns on detailed monitoring of the instance tagged `paws` (launched by 2.1 when none runs) and queries its metrics.
 *
 * Book: instance.monitor(); cw.list_metrics(); metric.query(start_time, end_time, 'Average');
 * disk_read_metric.query(…, 'Maximum', 'Bytes'); metric.query(…, 'Maximum', period=120).
 */
const [tagged] = await ec2.instances({ paws: null, 'instance-state-name': 'running' });
const instance = tagged ?? (await launchInstance({ cmdShell: false })).instance;
await instance.monitor();
const myMetrics = await cw.metrics({ dimensions: { InstanceId: instance.id } });
console.log(myMetrics);
const start = instance.launchTime ?? new Date(Date.now() - 3600_000);
const end = new Date();
const cpu = myMetrics.find((m) => m.name === 'CPUUtilization');
if (cpu) {
  console.log(cpu.Statistics);
  const samples = await cpu.query(start, end, 'Average');
  console.log(`${samples.length} CPUUtilization samples`);
}
const diskRead = myMetrics.find((m) => m.name === 'DiskReadBytes');
if (diskRead) console.log(`${(await diskRead.query(start, end, 'Maximum', 'Bytes')).length} DiskReadBytes samples`);
const networkOut = myMetrics.find((m) => m.name === 'NetworkOut');
if (networkOut) console.log(`${(await networkOut.query(start, end, 'Maximum', { period: 120 })).length} NetworkOut samples (2-minute periods)`);
