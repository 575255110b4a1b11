import type { Item, MessageData } from '../store/index.ts';
import { graphErrors } from './errors.ts';
import { expandProperties } from './extended-properties.ts';
import { renderAttachment } from './message-mapper.ts';
import { evaluateFilter, type FilterNode } from './odata-filter.ts';
import type { ExpandOption } from './odata-query.ts';
import { renderExtension } from './outlook-item-mapper.ts';

/**
 * `$expand` on messages and contacts: `singleValueExtendedProperties($filter=id eq '…')` (the only way to
 * read extended properties, protocols.md §3.4), `multiValueExtendedProperties`, `extensions($filter=…)` and,
 * for messages, `attachments`. Expanded collections that match nothing are left out, as Graph does.
 */
export function applyExpand(entity: Record<string, unknown>, item: Item, options: ExpandOption[], basic = false): void {
  for (const option of options) {
    switch (option.name.toLowerCase()) {
      case 'singlevalueextendedproperties': {
        if (basic) break;
        const props = expandProperties(item.extendedProperties, option);
        if (props) entity.singleValueExtendedProperties = props;
        break;
      }
      case 'multivalueextendedproperties':
        break;
      case 'extensions': {
        const all = [...item.extensions.values()].map(renderExtension);
        const matched = option.filter ? all.filter((e) => evaluateFilter(option.filter as FilterNode, e)) : all;
        if (matched.length > 0) entity.extensions = matched;
        break;
      }
      case 'attachments':
        if (item.kind !== 'message' || basic) throw unsupported(option.name);
        entity.attachments = ((item.data as MessageData).attachments ?? []).map((a) => renderAttachment(a, true));
        break;
      default:
        throw unsupported(option.name);
    }
  }
}

function unsupported(name: string) {
  return graphErrors.badRequest(`Could not find a property named '${name}' on type 'microsoft.graph.outlookItem'.`);
}
