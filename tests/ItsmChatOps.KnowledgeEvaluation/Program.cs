using System.Diagnostics;
using System.Text.Json;
using ItsmChatOps.Api;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Knowledge;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.Knowledge;
using ItsmChatOps.Api.Knowledge.Search;
using ItsmChatOps.Api.People;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.Storage;
using ItsmChatOps.KnowledgeEvaluation;
using Microsoft.Extensions.AI;

// Runs the question set against the sample knowledge base, hybrid next to keyword-only, then measures
// answers (no chat model) over 10,000 items. Embeddings are kept in a SQLite file between runs.
const int LargeSize = 10_000;
var database = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "itsm-knowledge-evaluation.db");
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
builder.Configuration["Storage:Sqlite:Path"] = database;
builder.Configuration["Itsm:Seed:Enabled"] = "false";
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton(TimeProvider.System);
builder.AddDocumentStore();
builder.AddRecords();
builder.AddIncidents();
builder.AddKnowledge();
using var host = builder.Build();

var questions = await LoadQuestionsAsync();
var seeds = await KnowledgeSeeder.LoadAsync();
var now = DateTimeOffset.UtcNow;
var policy = new KnowledgePolicy();
var sample = seeds.Select(s => KnowledgeSeeder.ToItem(s, now, policy)).ToList();
await FillStoreAsync(host.Services, sample, LargeSize, policy, now);

Console.WriteLine($"{Environment.ProcessorCount} cores; load average {LoadAverage()} (other work on the machine inflates wall-clock latency).");
var watch = Stopwatch.StartNew();
await host.StartAsync();
await host.Services.GetRequiredService<KnowledgeIndexer>().Ready;
Console.WriteLine($"Loaded {host.Services.GetRequiredService<KnowledgeIndex>().Count} items into the index in {watch.Elapsed.TotalSeconds:F1} s.");

var everyone = new HashSet<KnowledgeAudience>(Enum.GetValues<KnowledgeAudience>());
using var small = new KnowledgeIndex(host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(), host.Services.GetRequiredService<EmbeddingStore>());
await small.UpsertAsync(sample.Select(KnowledgeIndexer.ToDocument).ToList(), CancellationToken.None);
var large = host.Services.GetRequiredService<KnowledgeIndex>();

Console.WriteLine($"\n{questions.Count} questions, {sample.Count} sample items; top 10 retrieved per question.\n");
Console.WriteLine("| index | mode | recall@1 | recall@3 | MRR | search p50 ms | search p95 ms |");
Console.WriteLine("|---|---|---|---|---|---|---|");
foreach (var (name, index) in new[] { ($"sample ({small.Count})", small), ($"large ({large.Count})", large) })
{
    foreach (var mode in new[] { SearchMode.Hybrid, SearchMode.Keyword, SearchMode.Vector })
    {
        var result = await Evaluation.RunAsync(index, questions, everyone, mode, policy.MinimumSimilarity);
        Console.WriteLine($"| {name} | {mode} | {result.RecallAt1:F3} | {result.RecallAt3:F3} | {result.Mrr:F3} | {result.P50:F1} | {result.P95:F1} |");
    }
}

// Fusion weight tuned on one half of the questions (even positions) over the 10,000 items, and reported on the
// other, held-out half. The large index is the harder one: the sample alone is nearly saturated.
var tuning = questions.Where((_, i) => i % 2 == 0).ToList();
var heldOut = questions.Where((_, i) => i % 2 == 1).ToList();
var generator = host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
Console.WriteLine($"\nKeyword weight in the fusion, chosen on the tuning half ({tuning.Count} questions) of the large index; held-out half: {heldOut.Count} questions.\n");
Console.WriteLine("| keyword weight | tuning recall@1 | tuning recall@3 | tuning MRR |");
Console.WriteLine("|---|---|---|---|");
var chosen = (Weight: KnowledgeIndex.DefaultKeywordWeight, Result: (EvaluationResult?)null);
foreach (var weight in new[] { 0.5, 0.75, 1.0, 1.25, 1.5, 2.0 })
{
    large.KeywordWeight = weight;
    var result = await Evaluation.RunAsync(large, tuning, everyone, SearchMode.Hybrid, policy.MinimumSimilarity);
    Console.WriteLine($"| {weight:F2} | {result.RecallAt1:F3} | {result.RecallAt3:F3} | {result.Mrr:F3} |");
    if (chosen.Result is null || (result.RecallAt3, result.Mrr).CompareTo((chosen.Result.RecallAt3, chosen.Result.Mrr)) > 0)
    {
        chosen = (weight, result);
    }
}

large.KeywordWeight = chosen.Weight;
Console.WriteLine($"\n| large index, weight {chosen.Weight:F2} (default {KnowledgeIndex.DefaultKeywordWeight:F2}) | mode | recall@1 | recall@3 | MRR |");
Console.WriteLine("|---|---|---|---|---|");
foreach (var (half, set) in new[] { ("tuning", tuning), ("held-out", heldOut) })
{
    foreach (var mode in new[] { SearchMode.Hybrid, SearchMode.Keyword })
    {
        var result = await Evaluation.RunAsync(large, set, everyone, mode, policy.MinimumSimilarity);
        Console.WriteLine($"| {half} | {mode} | {result.RecallAt1:F3} | {result.RecallAt3:F3} | {result.Mrr:F3} |");
    }
}

large.KeywordWeight = KnowledgeIndex.DefaultKeywordWeight;

// Where an answer's time goes: the question's embedding alone, next to the whole answer below.
var embedLatencies = new List<double>();
foreach (var (question, _) in questions)
{
    var started = Stopwatch.GetTimestamp();
    await generator.GenerateAsync([question], cancellationToken: CancellationToken.None);
    embedLatencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
}

Console.WriteLine($"\nQuestion embedding alone (MiniLM, CPU): p50 {Evaluation.Percentile(embedLatencies, 0.5):F1} ms, p95 {Evaluation.Percentile(embedLatencies, 0.95):F1} ms.");

var answers = host.Services.GetRequiredService<KnowledgeAnswers>();
var agent = new Caller
{
    Person = new Person { Id = "evaluation", DisplayName = "Evaluation", Email = "evaluation@contoso.test" },
    Roles = new HashSet<ItsmRole> { ItsmRole.ServiceDesk },
    Actor = Actor.System,
};
var latencies = new List<double>();
var modes = new Dictionary<AnswerMode, int>();
foreach (var (question, _) in questions)
{
    await answers.AnswerAsync(agent, new AnswerRequest { Question = question }, CancellationToken.None);
}

var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
foreach (var (question, _) in questions)
{
    var started = Stopwatch.GetTimestamp();
    var answer = await answers.AnswerAsync(agent, new AnswerRequest { Question = question }, CancellationToken.None);
    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    modes[answer.Mode] = modes.GetValueOrDefault(answer.Mode) + 1;
}

var cpuPerAnswer = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / questions.Count;
Console.WriteLine($"\nAnswers without a chat model over {large.Count} items ({questions.Count} questions, as a service desk agent): " +
    $"p50 {Evaluation.Percentile(latencies, 0.5):F1} ms, p95 {Evaluation.Percentile(latencies, 0.95):F1} ms, process CPU {cpuPerAnswer:F1} ms per answer; " +
    string.Join(", ", modes.Select(m => $"{m.Key} {m.Value}")));
await host.StopAsync();

static async Task<List<(string Question, string[] Answers)>> LoadQuestionsAsync()
{
    await using var stream = typeof(Evaluation).Assembly.GetManifestResourceStream("questions.json")!;
    var items = await JsonSerializer.DeserializeAsync<List<QuestionEntry>>(stream, ItsmJson.Options) ?? [];
    return items.Select(q => (q.Question, q.Answers)).ToList();
}

static async Task FillStoreAsync(IServiceProvider services, List<KnowledgeItem> sample, int size, KnowledgePolicy policy, DateTimeOffset now)
{
    var store = services.GetRequiredService<KnowledgeStore>();
    var documents = services.GetRequiredService<IDocumentStore>();
    var partition = services.GetRequiredService<ItsmChatOps.Api.Records.Partitions>().For(KnowledgeItem.Type);
    if (await documents.CountAsync(partition, []) >= size)
    {
        return;
    }

    Console.WriteLine($"Writing {size} knowledge items (first run only)...");
    foreach (var item in sample.Concat(SyntheticKnowledge.Generate(size - sample.Count, 1000, policy, now)))
    {
        try
        {
            await store.Items.CreateAsync(item, CancellationToken.None);
        }
        catch (StoreException ex) when (ex.Error == StoreError.Conflict)
        {
            Console.WriteLine($"{item.Id} was written by an earlier run.");
        }
    }
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

internal sealed record QuestionEntry(string Question, string[] Answers);
