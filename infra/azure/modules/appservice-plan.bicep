@description('Azure region of the plan.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Name of the App Service plan.')
param name string

@description('Pricing tier of the plan (B1 and up keep the apps always on, which the background services need).')
param skuName string

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'linux'
  sku: { name: skuName }
  properties: {
    reserved: true
  }
}

output id string = plan.id
