namespace VoiceFleet.Synthesis.Batching;

/// <summary>A sentence handed to the <see cref="SentenceBatcher"/>: when its batch started, and its result.</summary>
internal sealed class SentenceTicket
{
    internal SentenceTicket(Task dispatched, Task<SentenceResult> completion)
    {
        Dispatched = dispatched;
        Completion = completion;
    }

    /// <summary>Completes when the sentence's batch starts running (or the sentence ends without running).</summary>
    public Task Dispatched { get; }

    /// <summary>The sentence's audio; cancelled when its token is, faulted when the run fails.</summary>
    public Task<SentenceResult> Completion { get; }
}
