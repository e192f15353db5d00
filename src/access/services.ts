import { ParallaxError } from '../errors/index.js';
import { currentGrant } from './context.js';

/** A service named in a request must be one the caller's roles allow (no grant = no restriction). */
export function assertService(service: string, field = 'service'): void {
  const grant = currentGrant();
  if (grant && !grant.allowsService(service))
    throw new ParallaxError('FORBIDDEN', `${field}: service "${service}" is not allowed for this caller`, {
      field,
    });
}

/** Raw PromQL and unfiltered listings can reach any service: refused to callers limited to some. */
export function assertAllServices(what: string): void {
  const grant = currentGrant();
  if (grant && !grant.allServices)
    throw new ParallaxError('FORBIDDEN', `${what}: not allowed for a caller limited to some services`);
}
