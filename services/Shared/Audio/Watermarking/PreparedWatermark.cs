using VoiceFleet.Audio.Dsp;

namespace VoiceFleet.Audio.Watermarking;

/// <summary>
/// One output's watermark before its audio exists. The part of the mark that depends only on the key and the payload —
/// every analysis frame's band cells with their chips and bit signs, inverse transformed and windowed at 16 kHz, and
/// resampled to the output rate — is worked out here, frame by frame; once the audio is known,
/// <see cref="Watermarker.EmbedSegment(ReadOnlySpan{float}, int, PreparedWatermark, long, CancellationToken)"/> only
/// measures the host's level per frame and adds the frames up scaled by it. Call <see cref="Precompute"/> on a spare
/// thread while the model runs, and marking a sentence costs about a quarter of what it would from scratch.
/// </summary>
/// <remarks>
/// Frames are kept in chunks of <see cref="ChunkFrames"/> (at 22.05 kHz about 32 × 740 floats, 93 KB) and computed on first use, by
/// <see cref="Precompute"/> or by the embedding that needs them; <see cref="Release"/> hands back the chunks of frames
/// already used, so a long output holds only what lies ahead of it. Thread-safe. Dispose returns the chunks to the pool.
/// </remarks>
public sealed class PreparedWatermark : IDisposable
{
    /// <summary>Frames per chunk; even, so the frames of a chunk pair up for the inverse FFT.</summary>
    internal const int ChunkFrames = 32;

    /// <summary>The most audio <see cref="Precompute"/> works ahead for: 20 s, about 3.7 MB of frames at 22.05 kHz.</summary>
    public static TimeSpan MaxPrecompute { get; } = TimeSpan.FromSeconds(20);

    private readonly Dictionary<int, float[]> _chunks = [];
    private readonly double[] _signs = new double[WatermarkCode.Length];
    private readonly PatternRows _rows;
    private readonly int _lowBin;
    private readonly int _bins;
    private int _released;
    private bool _disposed;

    // Null at 16 kHz: the frames are used as they are.
    private readonly SincFilterBank? _resampler;

    // Output samples kept per frame: enough for the frame and its resampling filter's tails.
    private readonly int _frameStride;

    internal PreparedWatermark(PatternRows rows, int lowBin, int bins, uint payload, int sampleRate, ResamplerOptions resampling)
    {
        _rows = rows;
        _lowBin = lowBin;
        _bins = bins;
        Payload = payload;
        SampleRate = sampleRate;
        WatermarkCode.Encode(payload, _signs);
        if (sampleRate == BandSpectrogram.SampleRate)
        {
            _frameStride = BandSpectrogram.FrameLength;
        }
        else
        {
            _resampler = SincResampler.FilterBank(BandSpectrogram.SampleRate, sampleRate, resampling);
            long span = BandSpectrogram.FrameLength + 2L * _resampler.HalfTaps + 2;
            _frameStride = (int)((span * _resampler.Up + _resampler.Down - 1) / _resampler.Down) + 2;
        }
    }

    /// <summary>The 32 bits the output carries.</summary>
    public uint Payload { get; }

    /// <summary>The rate of the output it marks, in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>
    /// Works out the frames of the first <paramref name="duration"/> of the output (at most <see cref="MaxPrecompute"/>)
    /// that are not yet known. Chunk by chunk, so an embedding that needs a frame meanwhile waits for one chunk at most.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public void Precompute(TimeSpan duration, CancellationToken cancellationToken = default)
    {
        double seconds = Math.Clamp(duration.TotalSeconds, 0, MaxPrecompute.TotalSeconds);
        int frames = BandSpectrogram.FrameCount((int)(seconds * BandSpectrogram.SampleRate));
        int chunks = (frames + ChunkFrames - 1) / ChunkFrames;
        for (int chunk = 0; chunk < chunks; chunk++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lock (_chunks)
            {
                if (_disposed)
                {
                    return;
                }

                if (chunk >= _released && !_chunks.ContainsKey(chunk))
                {
                    _chunks.Add(chunk, Compute(chunk));
                }
            }
        }
    }

    /// <summary>Hands back the frames before <paramref name="frame"/>: the output will not need them again.</summary>
    internal void Release(long frame)
    {
        lock (_chunks)
        {
            int below = (int)Math.Min(int.MaxValue, frame / ChunkFrames);
            for (int chunk = _released; chunk < below; chunk++)
            {
                if (_chunks.Remove(chunk, out float[]? samples))
                {
                    System.Buffers.ArrayPool<float>.Shared.Return(samples);
                }
            }

            _released = Math.Max(_released, below);
        }
    }

    /// <summary>
    /// Adds <c>levels[t] · frame(firstFrame + t)</c> for every t into <paramref name="mark"/>, the output-rate samples of
    /// a segment starting at output sample <paramref name="segmentStart"/>; what falls outside the segment is left out.
    /// </summary>
    internal void OverlapAdd(ReadOnlySpan<double> levels, int firstFrame, long segmentStart, Span<double> mark, CancellationToken cancellationToken)
    {
        for (int t = 0; t < levels.Length; t++)
        {
            double level = levels[t];
            if (level == 0)
            {
                continue;
            }

            if (t % ChunkFrames == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            int frame = firstFrame + t;
            float[] chunk = Chunk(frame / ChunkFrames);
            ReadOnlySpan<float> unit = chunk.AsSpan(frame % ChunkFrames * _frameStride, _frameStride);
            long first = FirstOutput(frame) - segmentStart;
            int from = (int)Math.Max(0, -first);
            int to = (int)Math.Min(unit.Length, mark.Length - first);
            for (int n = from; n < to; n++)
            {
                mark[(int)(first + n)] += level * unit[n];
            }
        }
    }

    /// <summary>Returns the frames to the pool.</summary>
    public void Dispose()
    {
        lock (_chunks)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (float[] samples in _chunks.Values)
            {
                System.Buffers.ArrayPool<float>.Shared.Return(samples);
            }

            _chunks.Clear();
        }
    }

    private float[] Chunk(int chunk)
    {
        lock (_chunks)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_chunks.TryGetValue(chunk, out float[]? samples))
            {
                samples = Compute(chunk);
                _chunks.Add(chunk, samples);
            }

            return samples;
        }
    }

    // The first output sample frame t can reach: at 16 kHz its first sample; otherwise the first output whose filter
    // taps touch the frame.
    private long FirstOutput(int frame)
    {
        long start = (long)frame * BandSpectrogram.Hop;
        if (_resampler is null)
        {
            return start;
        }

        return Math.Max(0, (start - _resampler.HalfTaps - 1) * _resampler.Up / _resampler.Down);
    }

    // The unit-level frames of one chunk: cells = sign(bit) · chip, inverse transformed two at a time, Hann-windowed,
    // resampled to the output rate.
    private float[] Compute(int chunk)
    {
        float[] samples = System.Buffers.ArrayPool<float>.Shared.Rent(ChunkFrames * _frameStride);
        Span<double> re = stackalloc double[BandSpectrogram.FrameLength];
        Span<double> im = stackalloc double[BandSpectrogram.FrameLength];
        Span<float> a = stackalloc float[BandSpectrogram.FrameLength];
        Span<float> b = stackalloc float[BandSpectrogram.FrameLength];
        ReadOnlySpan<double> window = BandSpectrogram.Window;
        int firstFrame = chunk * ChunkFrames;
        for (int pair = 0; pair < ChunkFrames; pair += 2)
        {
            BandSpectrogram.PairSpectrum(_rows.Get(firstFrame + pair), 1, _rows.Get(firstFrame + pair + 1), 1, _signs, _lowBin, _bins, re, im);
            Fft.Inverse(re, im);
            for (int n = 0; n < BandSpectrogram.FrameLength; n++)
            {
                a[n] = (float)(re[n] * window[n]);
                b[n] = (float)(im[n] * window[n]);
            }

            Place(firstFrame + pair, a, samples.AsSpan(pair * _frameStride, _frameStride));
            Place(firstFrame + pair + 1, b, samples.AsSpan((pair + 1) * _frameStride, _frameStride));
        }

        return samples;
    }

    private void Place(int frame, ReadOnlySpan<float> unit16, Span<float> destination)
    {
        if (_resampler is null)
        {
            unit16.CopyTo(destination);
            return;
        }

        _resampler.Apply(unit16, (long)frame * BandSpectrogram.Hop, FirstOutput(frame), destination);
    }
}
