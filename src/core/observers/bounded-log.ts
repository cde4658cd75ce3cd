/** Fixed-capacity log that drops its oldest entry in O(1) (a ring), for per-intercept history. */
export class BoundedLog<T> {
  private readonly items: T[] = []
  private head = 0

  constructor(private readonly capacity: number) {}

  push(item: T): void {
    if (this.capacity <= 0) return
    if (this.items.length < this.capacity) {
      this.items.push(item)
    } else {
      this.items[this.head] = item
      this.head = (this.head + 1) % this.capacity
    }
  }

  get size(): number {
    return this.items.length
  }

  get oldest(): T | undefined {
    return this.items[this.head]
  }

  get newest(): T | undefined {
    return this.items.length === 0 ? undefined : this.items[(this.head + this.items.length - 1) % this.items.length]
  }

  /** Oldest first; a copy. */
  toArray(): T[] {
    return this.head === 0 ? this.items.slice() : [...this.items.slice(this.head), ...this.items.slice(0, this.head)]
  }
}
