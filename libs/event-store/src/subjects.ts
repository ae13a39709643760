import {
  aggregateIdOf,
  definitionOf,
  subjectTokenPattern,
  type Aggregate,
  type DomainEvent,
  type NewEvent,
} from '@kd/events';

export function aggregateSubject(
  prefix: string,
  aggregate: Aggregate,
  aggregateId: string,
): string {
  if (!subjectTokenPattern.test(aggregateId))
    throw new Error(`aggregate id "${aggregateId}" is not a valid subject token`);
  return `${prefix}.${aggregate}.${aggregateId}`;
}

export function subjectOf(prefix: string, event: NewEvent | DomainEvent): string {
  return aggregateSubject(prefix, definitionOf(event.type).aggregate, aggregateIdOf(event));
}

export const allSubjects = (prefix: string): string => `${prefix}.>`;
