namespace SipasSurvey.Infrastructure.Writes;

/// <summary>
/// The bounded hand-over between requests and the writer thread. The writer sleeps in Monitor.Wait
/// when idle: a Channel awaited synchronously spins first, which costs a busy core on a 2-core machine.
/// </summary>
internal sealed class WriteQueue(int capacity)
{
    private readonly object _gate = new();
    private readonly Queue<WriteJob> _pending = new();
    private bool _completed;
    private int _writersWaiting;

    public int Count
    {
        get
        {
            lock (_gate) return _pending.Count;
        }
    }

    /// <summary>False when full or stopped: the caller answers 503 instead of queueing without bound.</summary>
    public bool TryAdd(WriteJob job)
    {
        lock (_gate)
        {
            if (_completed || _pending.Count >= capacity) return false;
            _pending.Enqueue(job);
            if (_writersWaiting > 0) Monitor.Pulse(_gate);
            return true;
        }
    }

    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Waits for work and moves up to <paramref name="max"/> jobs into <paramref name="batch"/>; false once stopped and drained.</summary>
    public bool Take(List<WriteJob> batch, int max)
    {
        lock (_gate)
        {
            while (_pending.Count == 0)
            {
                if (_completed) return false;
                _writersWaiting++;
                Monitor.Wait(_gate);
                _writersWaiting--;
            }
            while (batch.Count < max && _pending.TryDequeue(out var job)) batch.Add(job);
            return true;
        }
    }
}
