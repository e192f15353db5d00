import { useEffect, useState } from 'react';
import type { DataSource } from '../datasource';
import type { EnvInfo } from '../types';

export interface GatewayLists {
  envs: EnvInfo[];
  services: string[];
  signals: string[];
  error?: string;
}

/** Envs (with labels), services and signals, read once from the gateway when the editor opens. */
export function useGatewayLists(ds: DataSource): GatewayLists {
  const [lists, setLists] = useState<GatewayLists>({ envs: [], services: [], signals: [] });
  useEffect(() => {
    let live = true;
    Promise.all([ds.getEnvs(), ds.getServices(), ds.getSignalNames()])
      .then(([envs, services, signals]) => live && setLists({ envs, services, signals }))
      .catch((err: unknown) => live && setLists((l) => ({ ...l, error: String(err) })));
    return () => {
      live = false;
    };
  }, [ds]);
  return lists;
}
