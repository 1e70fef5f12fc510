@description('Azure region of the web app.')
param location string

@description('Tags applied to the web app, including azd-service-name so that azd deploy finds it.')
param tags object

@description('Name of the web app (globally unique; the host name is <name>.azurewebsites.net).')
param name string

@description('Resource id of the App Service plan.')
param planId string

@description('Resource id of the user-assigned managed identity the app runs as.')
param identityId string

@description('App settings (environment variables); Key Vault references are resolved by App Service with the app identity.')
param appSettings object

@description('Path App Service probes to take an unhealthy instance out of rotation.')
param healthCheckPath string

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: planId
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      // Background services (event relay, SLA timers, turn queue) must keep running between requests.
      alwaysOn: true
      healthCheckPath: healthCheckPath
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
  }

  resource settings 'config' = {
    name: 'appsettings'
    properties: appSettings
  }

  resource logs 'config' = {
    name: 'logs'
    properties: {
      applicationLogs: { fileSystem: { level: 'Warning' } }
      httpLogs: {
        fileSystem: {
          enabled: true
          retentionInDays: 1
          retentionInMb: 35
        }
      }
    }
  }
}

// Deployments authenticate with Entra ID (azd does), so publishing passwords stay off.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: { allow: false }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: { allow: false }
}

output name string = site.name
output hostName string = site.properties.defaultHostName
output url string = 'https://${site.properties.defaultHostName}'
