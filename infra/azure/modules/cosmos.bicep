@description('Azure region of the Cosmos DB account.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Name of the Cosmos DB account (globally unique, lowercase).')
param accountName string

@description('Name of the SQL database that holds the records.')
param databaseName string

@description('Name of the container that holds every record, partitioned on /pk.')
param containerName string

@description('Serverless (pay per request, the default) or Autoscale (provisioned throughput that scales between 10% and 100% of the maximum).')
@allowed([
  'Serverless'
  'Autoscale'
])
param throughputMode string = 'Serverless'

@description('Maximum request units per second of the database when throughputMode is Autoscale.')
@minValue(1000)
param autoscaleMaxThroughput int = 1000

@description('Principal ids of the managed identities that read and write records (Cosmos DB Built-in Data Contributor).')
param dataContributorPrincipalIds array

var serverless = throughputMode == 'Serverless'
// Built-in data-plane role: read, write and query items, read the change feed; no control-plane rights.
var dataContributorRoleId = '00000000-0000-0000-0000-000000000002'

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: accountName
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    capabilities: serverless ? [{ name: 'EnableServerless' }] : []
    // Keys are never used: the apps sign in with Entra ID and hold data-plane roles only.
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    backupPolicy: {
      type: 'Continuous'
      continuousModeProperties: { tier: 'Continuous7Days' }
    }
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: { id: databaseName }
    options: serverless ? {} : { autoscaleSettings: { maxThroughput: autoscaleMaxThroughput } }
  }
}

resource container 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = {
  parent: database
  name: containerName
  properties: {
    resource: {
      id: containerName
      partitionKey: {
        paths: ['/pk']
        kind: 'Hash'
        version: 2
      }
      // The composite indexes the API's queries need; a deployment test compares them with the code.
      indexingPolicy: loadJsonContent('cosmos-indexing-policy.json')
    }
  }
}

resource dataContributors 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = [
  for principalId in dataContributorPrincipalIds: {
    parent: account
    name: guid(account.id, principalId, dataContributorRoleId)
    properties: {
      principalId: principalId
      roleDefinitionId: '${account.id}/sqlRoleDefinitions/${dataContributorRoleId}'
      scope: account.id
    }
  }
]

output endpoint string = account.properties.documentEndpoint
output accountName string = account.name
output databaseName string = database.name
output containerName string = container.name
