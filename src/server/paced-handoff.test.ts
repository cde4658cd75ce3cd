import { describe, expect, it } from 'vitest'
import { pacedHandoff } from './paced-handoff.js'

const turn = () => new Promise<void>((resolve) => setImmediate(resolve))

/** Runs `body` with the process's uncaught exceptions collected into `errors` (a throwing take-over lands there). */
async function catchingUncaught(body: (errors: unknown[]) => Promise<void>): Promise<void> {
  const errors: unknown[] = []
  const onError = (e: unknown) => errors.push(e)
  process.on('uncaughtException', onError)
  try {
    await body(errors)
  } finally {
    process.off('uncaughtException', onError)
  }
}

describe('pacedHandoff', () => {
  it('takes over one connection per event-loop turn, in arrival order, with other work in between', async () => {
    const handOff = pacedHandoff()
    const seen: string[] = []
    for (const name of ['a', 'b', 'c']) {
      handOff(() => {
        seen.push(name)
        // Work the take-over started (e.g. a timer or an I/O callback) runs before the next one.
        setImmediate(() => seen.push(`after ${name}`))
      })
    }
    expect(seen).toEqual([])
    await expect.poll(() => seen.length).toBe(6)
    expect(seen).toEqual(['a', 'after a', 'b', 'after b', 'c', 'after c'])
  })

  it('a take-over that throws does not stall the ones behind it', async () => {
    const handOff = pacedHandoff()
    const seen: string[] = []
    await catchingUncaught(async (errors) => {
      handOff(() => {
        throw new RangeError('boom')
      })
      handOff(() => seen.push('next'))
      await expect.poll(() => seen).toEqual(['next'])
      expect(errors).toHaveLength(1)
    })
  })

  it('a hand-off made during a take-over runs once, in a later turn', async () => {
    const handOff = pacedHandoff()
    const seen: string[] = []
    await catchingUncaught(async (errors) => {
      handOff(() => {
        seen.push('outer')
        handOff(() => seen.push('inner'))
        expect(seen).toEqual(['outer'])
      })
      await expect.poll(() => seen).toEqual(['outer', 'inner'])
      await turn()
      await turn()
      expect(seen).toEqual(['outer', 'inner'])
      expect(errors).toEqual([])
    })
  })

  it('starts again after the queue ran empty', async () => {
    const handOff = pacedHandoff()
    const seen: number[] = []
    handOff(() => seen.push(1))
    await expect.poll(() => seen).toEqual([1])
    await turn()
    handOff(() => seen.push(2))
    await expect.poll(() => seen).toEqual([1, 2])
  })
})
