import type { ScopedVars, TypedVariableModel } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';

/** Dashboard variables as the test sets them; `csv` joins multi values as Grafana's formatter does. */
export class TestTemplateSrv {
  constructor(public vars: Record<string, string | string[]>) {}

  getVariables(): TypedVariableModel[] {
    return Object.keys(this.vars).map((name) => ({ name, type: 'custom' }) as unknown as TypedVariableModel);
  }

  replace(target?: string, scoped?: ScopedVars, format?: string): string {
    if (!target) return '';
    return target.replace(/\$\{(\w+)(?::\w+)?\}|\$(\w+)/g, (whole, a?: string, b?: string) => {
      const name = a ?? b ?? '';
      const scopedValue = scoped?.[name]?.value as string | string[] | undefined;
      const value = scopedValue ?? this.vars[name];
      if (value === undefined) return whole;
      if (Array.isArray(value)) return format === 'csv' || !format ? value.join(',') : value.join('|');
      return value;
    });
  }

  containsTemplate(target?: string): boolean {
    return Boolean(target && /\$\w+|\$\{\w+/.test(target));
  }

  updateTimeRange(): void {}
}

export const asTemplateSrv = (t: TestTemplateSrv): TemplateSrv => t;
