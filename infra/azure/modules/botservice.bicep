@description('Tags applied to every resource.')
param tags object

@description('Name (handle) of the Azure Bot, globally unique.')
param name string

@description('Display name of the bot in the channels.')
param displayName string

@description('Pricing tier: F0 (free) or S1. Teams is a standard channel, free on both.')
@allowed([
  'F0'
  'S1'
])
param skuName string

@description('HTTPS messaging endpoint of the bot (https://<host>/api/messages).')
param messagingEndpoint string

@description('UserAssignedMSI or SingleTenant; multi-tenant bot creation is no longer possible.')
@allowed([
  'UserAssignedMSI'
  'SingleTenant'
])
param appType string

@description('Microsoft App ID: the managed identity client id (UserAssignedMSI) or the app registration client id (SingleTenant).')
param appId string

@description('Resource id of the managed identity when appType is UserAssignedMSI.')
param identityId string

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  // Azure Bot is a global resource; its channels run in every region.
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: { name: skuName }
  properties: {
    displayName: displayName
    endpoint: messagingEndpoint
    msaAppId: appId
    msaAppType: appType
    msaAppTenantId: tenant().tenantId
    msaAppMSIResourceId: appType == 'UserAssignedMSI' ? identityId : null
    publicNetworkAccess: 'Enabled'
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      deploymentEnvironment: 'CommercialDeployment'
    }
  }
}

output name string = bot.name
