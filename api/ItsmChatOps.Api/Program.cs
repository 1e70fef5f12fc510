using ItsmChatOps.Api;
using ItsmChatOps.Api.Changes;
using ItsmChatOps.Api.ConfigurationItems;
using ItsmChatOps.Api.BotState;
using ItsmChatOps.Api.Surveys;
using ItsmChatOps.Api.Tasks;
using ItsmChatOps.Api.Events;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.Knowledge;
using ItsmChatOps.Api.Links;
using ItsmChatOps.Api.MajorIncidents;
using ItsmChatOps.Api.People;
using ItsmChatOps.Api.Reporting;
using ItsmChatOps.Api.Policies;
using ItsmChatOps.Api.ProblemManagement;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.ServiceLevels;
using ItsmChatOps.Api.ServiceCatalog;
using ItsmChatOps.Api.Storage;
using ItsmChatOps.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApiConventions();
builder.AddItsmAuthentication();
builder.AddDocumentStore();
builder.AddRecords();
builder.AddIncidents();
builder.AddConfigurationItems();
builder.AddChanges();
builder.AddKnowledge();
builder.AddProblems();
builder.AddMajorIncidents();

var app = builder.Build();
app.UseApiConventions();
app.UseAuthentication();
app.UseAuthorization();

app.MapDefaultEndpoints();
app.MapApiDocumentation();
app.MapEvents();
app.MapPeople();
app.MapServiceCatalog();
app.MapPolicies();
app.MapIncidents();
app.MapConfigurationItems();
app.MapChangeManagement();
app.MapKnowledge();
app.MapProblemManagement();
app.MapMajorIncidents();
app.MapLinks();
app.MapBotState();
app.MapSurveys();
app.MapSlas();
app.MapReports();
app.MapTasks();

await app.RunAsync();

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
