// ItsmChatOps in one resource group: the API and the bot on App Service, Cosmos DB, Key Vault,
// Application Insights and the Azure Bot with its Teams channel. Deployed by `azd up`.
targetScope = 'subscription'

@description('Name of the azd environment; names the resource group and seeds the resource names.')
@minLength(1)
@maxLength(48)
param environmentName string

@description('Azure region of every regional resource.')
@minLength(1)
param location string

@description('Object id of the person or pipeline running azd; it may then store secrets in the key vault. Empty for none.')
param principalId string = ''

@description('Whether principalId is a user or a service principal (a pipeline signed in with federated credentials).')
@allowed([
  'User'
  'ServicePrincipal'
])
param principalType string = 'User'

@description('Application (client) id of the API app registration, made by the pre-provision hook.')
@minLength(36)
@maxLength(36)
param apiAppId string

@description('Serverless Cosmos DB (pay per request, the default) or Autoscale provisioned throughput.')
@allowed([
  'Serverless'
  'Autoscale'
])
param cosmosThroughputMode string = 'Serverless'

@description('Maximum RU/s of the database when cosmosThroughputMode is Autoscale.')
@minValue(1000)
param cosmosAutoscaleMaxThroughput int = 1000

@description('App Service plan tier hosting both apps (B1 or higher: Always On is needed).')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'P0v3'
  'P1v3'
])
param appServiceSkuName string = 'B1'

@description('Azure Bot pricing tier.')
@allowed([
  'F0'
  'S1'
])
param botSkuName string = 'F0'

@description('Bot identity: UserAssignedMSI (no secret; Teams in this tenant) or SingleTenant (an existing app registration, secret in Key Vault).')
@allowed([
  'UserAssignedMSI'
  'SingleTenant'
])
param botAppType string = 'UserAssignedMSI'

@description('Client id of the existing bot app registration when botAppType is SingleTenant; ignored otherwise.')
param botAppId string = ''

@description('Serve Slack: the bot reads the Slack signing secret and bot token from the key vault (store them first).')
param slackEnabled bool = false

@description('Slack workspace (team) id, e.g. T0123ABCD, whose users may use the bot; empty when Slack is not installed.')
param slackTeamId string = ''

@description('ITSM tenant the records are partitioned under.')
param itsmTenantId string = 'default'

@description('Display name of the bot in Teams.')
param botDisplayName string = 'ItsmChatOps'

var tags = { 'azd-env-name': environmentName }
var token = toLower(uniqueString(subscription().id, environmentName, location))

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  scope: group
  name: 'monitoring'
  params: {
    location: location
    tags: tags
    logAnalyticsName: 'log-${token}'
    applicationInsightsName: 'appi-${token}'
  }
}

module apiIdentity 'modules/identity.bicep' = {
  scope: group
  name: 'api-identity'
  params: {
    location: location
    tags: tags
    name: 'id-api-${token}'
  }
}

module botIdentity 'modules/identity.bicep' = {
  scope: group
  name: 'bot-identity'
  params: {
    location: location
    tags: tags
    name: 'id-bot-${token}'
  }
}

module cosmos 'modules/cosmos.bicep' = {
  scope: group
  name: 'cosmos'
  params: {
    location: location
    tags: tags
    accountName: 'cosmos-${token}'
    databaseName: 'itsm'
    containerName: 'records'
    throughputMode: cosmosThroughputMode
    autoscaleMaxThroughput: cosmosAutoscaleMaxThroughput
    dataContributorPrincipalIds: [apiIdentity.outputs.principalId]
  }
}

module vault 'modules/keyvault.bicep' = {
  scope: group
  name: 'keyvault'
  params: {
    location: location
    tags: tags
    name: 'kv-${token}'
    readerPrincipalIds: [botIdentity.outputs.principalId]
    operatorPrincipalId: principalId
    operatorPrincipalType: principalType
  }
}

module plan 'modules/appservice-plan.bicep' = {
  scope: group
  name: 'plan'
  params: {
    location: location
    tags: tags
    name: 'plan-${token}'
    skuName: appServiceSkuName
  }
}

module api 'modules/api.bicep' = {
  scope: group
  name: 'api'
  params: {
    location: location
    tags: tags
    name: 'app-api-${token}'
    planId: plan.outputs.id
    identityId: apiIdentity.outputs.id
    identityClientId: apiIdentity.outputs.clientId
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabaseName: cosmos.outputs.databaseName
    cosmosContainerName: cosmos.outputs.containerName
    apiAppId: apiAppId
    itsmTenantId: itsmTenantId
    teamsTenantId: tenant().tenantId
    slackTeamId: slackTeamId
  }
}

var effectiveBotAppId = botAppType == 'UserAssignedMSI' ? botIdentity.outputs.clientId : botAppId

module bot 'modules/bot.bicep' = {
  scope: group
  name: 'bot'
  params: {
    location: location
    tags: tags
    name: 'app-bot-${token}'
    planId: plan.outputs.id
    identityId: botIdentity.outputs.id
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    botAppType: botAppType
    botAppId: effectiveBotAppId
    apiBaseUrl: api.outputs.url
    apiAppId: apiAppId
    keyVaultName: vault.outputs.name
    slackEnabled: slackEnabled
  }
}

module botService 'modules/botservice.bicep' = {
  scope: group
  name: 'botservice'
  params: {
    tags: tags
    name: 'bot-${token}'
    displayName: botDisplayName
    skuName: botSkuName
    messagingEndpoint: bot.outputs.messagingEndpoint
    appType: botAppType
    appId: effectiveBotAppId
    identityId: botIdentity.outputs.id
  }
}

output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = group.name
output API_APP_ID string = apiAppId
output API_BASE_URL string = api.outputs.url
output BOT_APP_ID string = effectiveBotAppId
output BOT_APP_TYPE string = botAppType
output BOT_PRINCIPAL_ID string = botAppType == 'UserAssignedMSI' ? botIdentity.outputs.principalId : ''
output BOT_HOST_NAME string = bot.outputs.hostName
output BOT_MESSAGING_ENDPOINT string = bot.outputs.messagingEndpoint
output BOT_SERVICE_NAME string = botService.outputs.name
output SLACK_REQUEST_BASE_URL string = '${bot.outputs.url}/api/slack'
output KEY_VAULT_NAME string = vault.outputs.name
output COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
