import { encodeItemId } from './id-codec.ts';
import type { IdStyle, Item } from './types.ts';

/** Rendered item ids of one mailbox, by item number: ids are read far more often than items move. */
export class ItemIdCache {
  private readonly immutableIds = new Map<number, string>();
  private readonly defaultIds = new Map<number, { moveGen: number; id: string }>();

  constructor(private readonly guidBytes: Buffer) {}

  /**
   * The item's id in `style`. `currentMoveGen` is the live item's move generation (undefined once deleted):
   * only a default id of that generation is cached.
   */
  render(item: Pick<Item, 'num' | 'moveGen'>, style: IdStyle, currentMoveGen: number | undefined): string {
    if (style === 'immutable') {
      let id = this.immutableIds.get(item.num);
      if (id === undefined) {
        id = encodeItemId(this.guidBytes, item.num, 'immutable');
        this.immutableIds.set(item.num, id);
      }
      return id;
    }
    const cached = this.defaultIds.get(item.num);
    if (cached?.moveGen === item.moveGen) return cached.id;
    const id = encodeItemId(this.guidBytes, item.num, 'default', item.moveGen);
    // Only the current generation is cached; removals of older generations are rendered without caching.
    if (currentMoveGen === item.moveGen) this.defaultIds.set(item.num, { moveGen: item.moveGen, id });
    return id;
  }
}
