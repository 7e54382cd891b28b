/** Dashboards at the prompt: `Dashboard:app-main[2 widgets]`, with the body parsed, and delete. */
import { paginateListDashboards, type CloudWatch, type DashboardEntry, type GetDashboardOutput } from '@aws-sdk/client-cloudwatch';
import { Resource, type Column } from '../core/resource.js';

type DashboardData = DashboardEntry & Pick<GetDashboardOutput, 'DashboardBody'>;

export class Dashboard extends Resource<DashboardData, CloudWatch> {
  static override kind = 'Dashboard';
  static override columns: readonly Column<Dashboard>[] = [
    { header: 'Dashboard', value: (d) => d.name },
    { header: 'Modified', value: (d) => d.data.LastModified?.toISOString() ?? '' },
    { header: 'Size', value: (d) => String(d.data.Size ?? '') },
  ];

  get id(): string {
    return this.name;
  }
  override toString(): string {
    return `Dashboard:${this.name}${this.data.DashboardBody === undefined ? '' : `[${this.widgets.length} widgets]`}`;
  }
  get name(): string {
    return this.data.DashboardName ?? '';
  }
  /** The widgets of the body (once described: `await dashboard.update()`). */
  get widgets(): unknown[] {
    try {
      return JSON.parse(this.data.DashboardBody ?? '{}').widgets ?? [];
    } catch {
      return [];
    }
  }

  protected async describe(): Promise<DashboardData> {
    const { DashboardName, DashboardArn, DashboardBody } = await this.client.getDashboard({ DashboardName: this.name });
    return { ...this.data, DashboardName, DashboardArn, DashboardBody };
  }
  async delete(): Promise<void> {
    await this.client.deleteDashboards({ DashboardNames: [this.name] });
  }
}

export async function listDashboards(cw: CloudWatch, prefix?: string): Promise<Dashboard[]> {
  const out: Dashboard[] = [];
  for await (const page of paginateListDashboards({ client: cw }, { DashboardNamePrefix: prefix })) {
    out.push(...(page.DashboardEntries ?? []).map((d) => new Dashboard(cw, d)));
  }
  return out;
}
