namespace ItsmChatOps.Api.Client.Knowledge;

/// <summary>What a knowledge item is (KB-02).</summary>
public enum KnowledgeKind
{
    /// <summary>How-to or FAQ.</summary>
    Article,

    /// <summary>The knowledge-base view of a known error (KB-05).</summary>
    KnownError,

    /// <summary>A workaround with its applicability, steps and risks (KB-03).</summary>
    Workaround,

    /// <summary>Restoration steps.</summary>
    Checklist,

    /// <summary>Who knows a service or CI: groups, people, skills, supplier contacts.</summary>
    Specialist,
}

/// <summary>Who may see an item, in every read, search and answer (KB-07).</summary>
public enum KnowledgeAudience
{
    /// <summary>Staff only.</summary>
    Agents,

    /// <summary>Everyone, customers included.</summary>
    Customers,

    /// <summary>The security manager, auditors and the security group only.</summary>
    SecurityRestricted,
}

/// <summary>Knowledge item lifecycle (requirements §16.9).</summary>
public enum KnowledgeState
{
    Draft,
    InReview,
    Published,
    Retired,
}

/// <summary>How an answer was made.</summary>
public enum AnswerMode
{
    /// <summary>Written by the configured chat model from the retrieved items only, citing them.</summary>
    Generated,

    /// <summary>No model configured: the best passages of the best items, with links.</summary>
    Extractive,

    /// <summary>Nothing retrieved supports an answer: "I don't know", with an offer to raise an incident.</summary>
    NoAnswer,
}

/// <summary>What a search hit points to.</summary>
public enum HitSource
{
    KnowledgeItem,

    /// <summary>The resolution notes of a resolved incident: agents only (KB-02).</summary>
    ResolvedIncident,
}

/// <summary>How self-help ended (KB-08).</summary>
public enum SelfHelpOutcome
{
    /// <summary>"This solved it": a deflection, no incident.</summary>
    Solved,

    /// <summary>"Still need help": the incident goes ahead with the viewed items attached.</summary>
    StillNeedHelp,
}
