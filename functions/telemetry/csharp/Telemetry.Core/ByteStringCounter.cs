using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Telemetry.Core;

/// <summary>
/// Counts occurrences of byte strings: an open-addressing hash table whose keys are copied into one
/// arena on first sight, so a lookup of a known key allocates nothing and touches one entry.
/// </summary>
internal sealed class ByteStringCounter
{
    private Entry[] _entries;
    private int _mask;
    private byte[] _arena = new byte[4096];
    private int _arenaLength;
    private int _count;

    public ByteStringCounter(int capacity)
    {
        int size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity));
        _entries = new Entry[size];
        _mask = size - 1;
    }

    /// <summary>Number of distinct keys.</summary>
    public int Count => _count;

    /// <summary>Empties the table and makes room for about <paramref name="expectedKeys"/> keys.</summary>
    public void Reset(int expectedKeys)
    {
        int wanted = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, expectedKeys * 2));
        if (wanted > _entries.Length)
        {
            _entries = new Entry[wanted];
            _mask = wanted - 1;
        }
        else if (_count > 0)
        {
            Array.Clear(_entries);
        }
        _count = 0;
        _arenaLength = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Increment(ReadOnlySpan<byte> key)
    {
        uint hash = Hash(key);
        Entry[] entries = _entries;
        int index = (int)hash & _mask;
        while (true)
        {
            ref Entry entry = ref entries[index];
            if (entry.Count == 0)
            {
                Insert(ref entry, hash, key);
                return;
            }
            if (entry.Hash == hash && entry.Length == key.Length && key.SequenceEqual(_arena.AsSpan(entry.Offset, entry.Length)))
            {
                entry.Count++;
                return;
            }
            index = (index + 1) & _mask;
        }
    }

    private void Insert(ref Entry entry, uint hash, ReadOnlySpan<byte> key)
    {
        if (_arena.Length - _arenaLength < key.Length)
        {
            Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _arenaLength + key.Length));
        }
        key.CopyTo(_arena.AsSpan(_arenaLength));
        entry = new Entry { Hash = hash, Offset = _arenaLength, Length = key.Length, Count = 1 };
        _arenaLength += key.Length;
        // Keep the load under one half: probes stay short without a tombstone scheme.
        if (++_count * 2 > _entries.Length)
        {
            Rehash();
        }
    }

    private void Rehash()
    {
        Entry[] old = _entries;
        _entries = new Entry[old.Length * 2];
        _mask = _entries.Length - 1;
        foreach (ref readonly Entry entry in old.AsSpan())
        {
            if (entry.Count == 0)
            {
                continue;
            }
            int index = (int)entry.Hash & _mask;
            while (_entries[index].Count != 0)
            {
                index = (index + 1) & _mask;
            }
            _entries[index] = entry;
        }
    }

    /// <summary>Copies the keys and counts out, for ordering.</summary>
    public int CopyTo(Span<KeyCount> destination)
    {
        int n = 0;
        foreach (ref readonly Entry entry in _entries.AsSpan())
        {
            if (entry.Count != 0)
            {
                destination[n++] = new KeyCount(entry.Offset, entry.Length, entry.Count);
            }
        }
        return n;
    }

    public ReadOnlySpan<byte> KeyOf(in KeyCount item) => _arena.AsSpan(item.Offset, item.Length);

    /// <summary>
    /// A short-key hash: the keys here are endpoints, statuses and user ids of a few to a few dozen
    /// bytes, so two overlapping 8-byte reads cover most of them in full.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint Hash(ReadOnlySpan<byte> key)
    {
        ref byte start = ref MemoryMarshal.GetReference(key);
        int length = key.Length;
        ulong h;
        if (length >= 8)
        {
            h = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, length - 8));
            for (int i = 0; i < length - 8; i += 8)
            {
                h = (h ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i))) * 0x9E3779B97F4A7C15UL;
                h ^= h >> 29;
            }
        }
        else if (length >= 4)
        {
            h = ((ulong)Unsafe.ReadUnaligned<uint>(ref start) << 32) | Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, length - 4));
        }
        else if (length > 0)
        {
            h = start | ((ulong)Unsafe.Add(ref start, length >> 1) << 8) | ((ulong)Unsafe.Add(ref start, length - 1) << 16);
        }
        else
        {
            h = 0;
        }
        h ^= (ulong)length << 56;
        h *= 0xD6E8FEB86659FD93UL;
        h ^= h >> 32;
        h *= 0xD6E8FEB86659FD93UL;
        return (uint)(h >> 32);
    }

    private struct Entry
    {
        public uint Hash;
        public int Offset;
        public int Length;
        public int Count;
    }
}

/// <summary>A key (by its place in a counter's arena) and its count.</summary>
internal readonly record struct KeyCount(int Offset, int Length, int Count);
