// The API web app and the settings it reads in Azure (a deployment test compares them with the code).

@description('Azure region of the web app.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Name of the web app.')
param name string

@description('Resource id of the App Service plan.')
param planId string

@description('Resource id of the API managed identity.')
param identityId string

@description('Client id of the API managed identity (the credential it reads Cosmos DB with).')
param identityClientId string

@description('Application Insights connection string the OpenTelemetry exporter sends to.')
param applicationInsightsConnectionString string

@description('Cosmos DB account endpoint.')
param cosmosEndpoint string

@description('Cosmos DB database name.')
param cosmosDatabaseName string

@description('Cosmos DB container name.')
param cosmosContainerName string

@description('Application (client) id of the API app registration: the audience of its bearer tokens.')
param apiAppId string

@description('ITSM tenant the records are partitioned under.')
param itsmTenantId string

@description('Entra tenant whose Teams users may use the bot.')
param teamsTenantId string

@description('Slack workspace (team) id whose users may use the bot; empty when Slack is not installed.')
param slackTeamId string

var appSettings = {
  Storage__Provider: 'Cosmos'
  Storage__Cosmos__Endpoint: cosmosEndpoint
  Storage__Cosmos__DatabaseName: cosmosDatabaseName
  Storage__Cosmos__ContainerName: cosmosContainerName
  Itsm__TenantId: itsmTenantId
  Itsm__ChatIdentity__AllowedTenants__0: 'Teams|${teamsTenantId}'
  Authentication__Schemes__Bearer__Authority: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
  Authentication__Schemes__Bearer__ValidAudiences__0: apiAppId
  Authentication__Schemes__Bearer__ValidAudiences__1: 'api://${apiAppId}'
  AZURE_CLIENT_ID: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  OTEL_SERVICE_NAME: 'api'
}

var slackSettings = {
  Itsm__ChatIdentity__AllowedTenants__1: 'Slack|${slackTeamId}'
}

module site 'site.bicep' = {
  name: 'api-site'
  params: {
    location: location
    tags: union(tags, { 'azd-service-name': 'api' })
    name: name
    planId: planId
    identityId: identityId
    appSettings: union(appSettings, empty(slackTeamId) ? {} : slackSettings)
    healthCheckPath: '/health'
  }
}

output name string = site.outputs.name
output hostName string = site.outputs.hostName
output url string = site.outputs.url
