// The bot web app and the settings it reads in Azure (a deployment test compares them with the code).

@description('Azure region of the web app.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Name of the web app.')
param name string

@description('Resource id of the App Service plan.')
param planId string

@description('Resource id of the bot managed identity (its runtime identity, and its bot identity for UserAssignedMSI).')
param identityId string

@description('Application Insights connection string the OpenTelemetry exporter sends to.')
param applicationInsightsConnectionString string

@description('UserAssignedMSI (the managed identity is the bot) or SingleTenant (an app registration with a client secret in Key Vault).')
@allowed([
  'UserAssignedMSI'
  'SingleTenant'
])
param botAppType string

@description('Microsoft App ID of the Azure Bot: the managed identity client id, or the SingleTenant app registration client id.')
param botAppId string

@description('Base URL of the API the bot calls.')
param apiBaseUrl string

@description('Application (client) id of the API app registration; the bot asks for tokens for it.')
param apiAppId string

@description('Name of the key vault that holds the Slack and bot secrets.')
param keyVaultName string

@description('Serve Slack: read the signing secret and bot token from Key Vault.')
param slackEnabled bool

var appSettings = {
  Bot__AppId: botAppId
  Bot__AppType: botAppType
  Bot__TenantId: tenant().tenantId
  Api__BaseUrl: apiBaseUrl
  Api__Scope: 'api://${apiAppId}/.default'
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  OTEL_SERVICE_NAME: 'bot'
}

// App Service resolves these references with the app identity; a restart picks up a new secret version at once.
var clientSecretSettings = {
  Bot__ClientSecret: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=bot-client-secret)'
}

var slackSettings = {
  Slack__SigningSecret: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=slack-signing-secret)'
  Slack__BotToken: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=slack-bot-token)'
}

module site 'site.bicep' = {
  name: 'bot-site'
  params: {
    location: location
    tags: union(tags, { 'azd-service-name': 'bot' })
    name: name
    planId: planId
    identityId: identityId
    appSettings: union(
      appSettings,
      botAppType == 'SingleTenant' ? clientSecretSettings : {},
      slackEnabled ? slackSettings : {}
    )
    healthCheckPath: '/health'
  }
}

output name string = site.outputs.name
output hostName string = site.outputs.hostName
output url string = site.outputs.url
output messagingEndpoint string = '${site.outputs.url}/api/messages'
