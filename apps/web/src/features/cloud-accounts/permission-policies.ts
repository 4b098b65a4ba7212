/**
 * The permissions each cloud account needs, copied verbatim from the seeds (the functional spec):
 * seed 002 "Tencent Cloud Account Permissions" (CAM policy, last updated April 26, 2022) and seed 004
 * "AWS Cloud Account Permissions", Controller Policy; seed 003's vSphere privileges. The texts are kept exactly as published
 * (duplicate actions included) so what the user copies is what the documentation lists.
 */

export interface PermissionsPolicy {
  /** What the panel calls it. */
  title: string
  /** Where the policy goes in the cloud's console. */
  attachTo: string
  /** The policy document, as the seed gives it. */
  text: string
}

const tencentPolicyText = `{
  "version": "2.0",
  "statement": [
    {
      "effect": "allow",
      "action": [
        "as:CreateLaunchConfiguration",
        "as:CreateAutoScalingGroup",
        "as:DescribeLaunchConfigurations",
        "as:DescribeAutoScalingInstances",
        "as:DescribeAutoScalingActivities",
        "as:DescribeAutoScalingGroups",
        "as:ModifyDesiredCapacity",
        "as:ModifyAutoScalingGroup",
        "as:DescribeAutoScalingGroups",
        "as:DescribeAutoScalingGroupLastActivities",
        "cam:GetRole",
        "cam:GetPolicy",
        "cam:DeletePolicyVersion",
        "cam:CreatePolicyVersion",
        "cam:ListGroupsForConsole",
        "cam:ListPolicies",
        "cam:ListMaskedSubAccounts",
        "cvm:DescribeSecurityGroupLimits",
        "cvm:DescribeSecurityGroups",
        "cvm:CreateSecurityGroup",
        "cvm:DescribeInstances",
        "cvm:DescribeInstancesStatus",
        "cvm:DescribeSecurityGroupAssociateInstances",
        "cvm:DescribeSecurityGroupLimits",
        "cvm:DescribeSecurityGroupPolicys",
        "cvm:DescribeImages",
        "cvm:DescribeCbsStorages",
        "cvm:RunInstances",
        "cvm:DescribeKeyPairs",
        "cvm:DescribeAddresses",
        "cvm:ModifySingleSecurityGroupPolicy",
        "cvm:CreateSecurityGroupPolicy",
        "cvm:DeleteSecurityGroupPolicy",
        "clb:DescribeLoadBalancers",
        "cloudaudit:DescribeEvents",
        "cloudaudit:DescribeEvents",
        "ecdn:PurgePathCache",
        "ecdn:PurgeUrlsCache",
        "ecdn:PushUrlsCache",
        "monitor:DescribeDashboardMetricData",
        "tke:CreateCluster",
        "tke:DescribeClusters",
        "tke:DescribeClusterEndpointStatus",
        "tke:DescribeClusterEndpointVipStatus",
        "tke:DescribeClusterSecurity",
        "tke:CreateClusterEndpointVip",
        "tke:CreateClusterEndpoint",
        "tke:DeleteClusterEndpointVip",
        "tke:DeleteClusterEndpoint",
        "tke:DeleteCluster",
        "tke:DescribeClusterAsGroupOption",
        "tke:DescribeClusterInstances",
        "tag:DescribeResourceTagsByResourceIds",
        "tag:DescribeTagValues",
        "tag:TagResources",
        "tag:DescribeTagKeys",
        "vpc:DescribeSubnetEx",
        "vpc:DescribeVpcEx",
        "vpc:DescribeVpcLimits",
        "vpc:DescribeRouteTable",
        "vpc:DescribeNatGateways",
        "vpc:DescribeCcns",
        "vpc:DescribeCcnAttachedInstances",
        "vpc:DescribeLocalGateway",
        "vpc:DescribeHaVips",
        "vpc:Describe.webpw",
        "vpc:DescribeDirectConnectGateways",
        "vpc:DescribeVpcPeeringConnections",
        "vpc:DescribeCustomerGateways",
        "vpc:DescribeRoutes",
        "vpc:ModifyNatGatewayAttribute",
        "vpc:ResetNatGatewayConnection",
        "vpc:DescribeAddress",
        "vpc:DescribeTemplateLimits",
        "vpc:DescribeAddressGroups",
        "vpc:DescribeService",
        "vpc:DescribeServiceGroups",
        "vpc:DescribeNetworkAcls",
        "vpc:DescribeNetworkInterfaces"
      ],
      "resource": ["*"]
    }
  ]
}`

const awsControllerPolicyText = `{
"Version": "2012-10-17",
"Statement": [
{
"Effect": "Allow",
"Action": [
"ec2:AllocateAddress",
"ec2:AssociateRouteTable",
"ec2:AttachInternetGateway",
"ec2:AuthorizeSecurityGroupIngress",
"ec2:CreateInternetGateway",
"ec2:CreateNatGateway",
"ec2:CreateRoute",
"ec2:CreateRouteTable",
"ec2:CreateSecurityGroup",
"ec2:CreateSubnet",
"ec2:CreateTags",
"ec2:CreateVpc",
"ec2:ModifyVpcAttribute",
"ec2:DeleteInternetGateway",
"ec2:DeleteNatGateway",
"ec2:DeleteNetworkInterface",
"ec2:DeleteRouteTable",
"ec2:DeleteSecurityGroup",
"ec2:DeleteSubnet",
"ec2:DeleteTags",
"ec2:DeleteVpc",
"ec2:DescribeAccountAttributes",
"ec2:DescribeAddresses",
"ec2:DescribeAvailabilityZones",
"ec2:DescribeInstances",
"ec2:DescribeInternetGateways",
"ec2:DescribeImages",
"ec2:DescribeNatGateways",
"ec2:DescribeNetworkInterfaces",
"ec2:DescribeNetworkInterfaceAttribute",
"ec2:DescribeRouteTables",
"ec2:DescribeSecurityGroups",
"ec2:DescribeSubnets",
"ec2:DescribeVpcs",
"ec2:DescribeVpcAttribute",
"ec2:DescribeVolumes",
"ec2:DetachInternetGateway",
"ec2:DisassociateRouteTable",
"ec2:DisassociateAddress",
"ec2:ModifyInstanceAttribute",
"ec2:ModifyNetworkInterfaceAttribute",
"ec2:ModifySubnetAttribute",
"ec2:ReleaseAddress",
"ec2:RevokeSecurityGroupIngress",
"ec2:RunInstances",
"ec2:TerminateInstances",
"tag:GetResources",
"elasticloadbalancing:AddTags",
"elasticloadbalancing:CreateLoadBalancer",
"elasticloadbalancing:ConfigureHealthCheck",
"elasticloadbalancing:DeleteLoadBalancer",
"elasticloadbalancing:DescribeLoadBalancers",
"elasticloadbalancing:DescribeLoadBalancerAttributes",
"elasticloadbalancing:ApplySecurityGroupsToLoadBalancer",
"elasticloadbalancing:DescribeTags",
"elasticloadbalancing:ModifyLoadBalancerAttributes",
"elasticloadbalancing:RegisterInstancesWithLoadBalancer",
"elasticloadbalancing:DeregisterInstancesFromLoadBalancer",
"elasticloadbalancing:RemoveTags",
"autoscaling:DescribeAutoScalingGroups",
"autoscaling:DescribeInstanceRefreshes",
"ec2:CreateLaunchTemplate",
"ec2:CreateLaunchTemplateVersion",
"ec2:DescribeLaunchTemplates",
"ec2:DescribeLaunchTemplateVersions",
"ec2:DeleteLaunchTemplate",
"ec2:DeleteLaunchTemplateVersions"
],
"Resource": [
"*"
]
},
{
"Effect": "Allow",
"Action": [
"autoscaling:CreateAutoScalingGroup",
"autoscaling:UpdateAutoScalingGroup",
"autoscaling:CreateOrUpdateTags",
"autoscaling:StartInstanceRefresh",
"autoscaling:DeleteAutoScalingGroup",
"autoscaling:DeleteTags"
],
"Resource": [
"arn:*:autoscaling:*:*:autoScalingGroup:*:autoScalingGroupName/*"
]
},
{
"Effect": "Allow",
"Action": [
"iam:CreateServiceLinkedRole"
],
"Resource": [
"arn:*:iam::*:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"
],
"Condition": {
"StringLike": {
"iam:AWSServiceName": "autoscaling.amazonaws.com"
}
}
},
{
"Effect": "Allow",
"Action": [
"iam:CreateServiceLinkedRole"
],
"Resource": [
"arn:*:iam::*:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing"
],
"Condition": {
"StringLike": {
"iam:AWSServiceName": "elasticloadbalancing.amazonaws.com"
}
}
},
{
"Effect": "Allow",
"Action": [
"iam:CreateServiceLinkedRole"
],
"Resource": [
"arn:*:iam::*:role/aws-service-role/spot.amazonaws.com/AWSServiceRoleForEC2Spot"
],
"Condition": {
"StringLike": {
"iam:AWSServiceName": "spot.amazonaws.com"
}
}
},
{
"Effect": "Allow",
"Action": [
"iam:PassRole"
],
"Resource": [
"arn:*:iam::*:role/*.cluster-api-provider-aws.sigs.k8s.io"
]
},
{
"Effect": "Allow",
"Action": [
"secretsmanager:CreateSecret",
"secretsmanager:DeleteSecret",
"secretsmanager:TagResource"
],
"Resource": [
"arn:*:secretsmanager:*:*:secret:aws.cluster.x-k8s.io/*"
]
},
{
"Effect": "Allow",
"Action": [
"ssm:GetParameter"
],
"Resource": [
"arn:*:ssm:*:*:parameter/aws/service/eks/optimized-ami/*"
]
},
{
"Effect": "Allow",
"Action": [
"iam:CreateServiceLinkedRole"
],
"Resource": [
"arn:*:iam::*:role/aws-service-role/eks.amazonaws.com/AWSServiceRoleForAmazonEKS"
],
"Condition": {
"StringLike": {
"iam:AWSServiceName": "eks.amazonaws.com"
}
}
},
{
"Effect": "Allow",
"Action": [
"iam:CreateServiceLinkedRole"
],
"Resource": [
"arn:*:iam::*:role/aws-service-role/eks-nodegroup.amazonaws.com/AWSServiceRoleForAmazonEKSNodegroup"
],
"Condition": {
"StringLike": {
"iam:AWSServiceName": "eks-nodegroup.amazonaws.com"
}
}
},
{
"Effect": "Allow",
"Action": [
"iam:CreateServiceLinkedRole"
],
"Resource": [
"arn:aws:iam::*:role/aws-service-role/eks-fargate-pods.amazonaws.com/AWSServiceRoleForAmazonEKSForFargate"
],
"Condition": {
"StringLike": {
"iam:AWSServiceName": "eks-fargate.amazonaws.com"
}
}
},
{
"Effect": "Allow",
"Action": [
"iam:ListOpenIDConnectProviders",
"iam:CreateOpenIDConnectProvider",
"iam:AddClientIDToOpenIDConnectProvider",
"iam:UpdateOpenIDConnectProviderThumbprint",
"iam:DeleteOpenIDConnectProvider"
],
"Resource": [
"*"
]
},
{
"Effect": "Allow",
"Action": [
"iam:GetRole",
"iam:ListAttachedRolePolicies",
"iam:DetachRolePolicy",
"iam:DeleteRole",
"iam:CreateRole",
"iam:TagRole",
"iam:AttachRolePolicy"
],
"Resource": [
"arn:*:iam::*:role/*"
]
},
{
"Effect": "Allow",
"Action": [
"iam:GetPolicy"
],
"Resource": [
"arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"
]
},
{
"Effect": "Allow",
"Action": [
"eks:DescribeCluster",
"eks:ListClusters",
"eks:CreateCluster",
"eks:TagResource",
"eks:UpdateClusterVersion",
"eks:DeleteCluster",
"eks:UpdateClusterConfig",
"eks:UntagResource",
"eks:UpdateNodegroupVersion",
"eks:DescribeNodegroup",
"eks:DeleteNodegroup",
"eks:UpdateNodegroupConfig",
"eks:CreateNodegroup"
],
"Resource": [
"arn:*:eks:*:*:cluster/*",
"arn:*:eks:*:*:nodegroup/*/*/*"
]
},
{
"Effect": "Allow",
"Action": [
"eks:AssociateIdentityProviderConfig",
"eks:ListIdentityProviderConfigs"
],
"Resource": [
"arn:aws:eks:*:*:cluster/*"
]
},
{
"Effect": "Allow",
"Action": [
"eks:DisassociateIdentityProviderConfig",
"eks:DescribeIdentityProviderConfig"
],
"Resource": [
"*"
]
},
{
"Effect": "Allow",
"Action": [
"eks:ListAddons",
"eks:CreateAddon",
"eks:DescribeAddonVersions",
"eks:DescribeAddon",
"eks:DeleteAddon",
"eks:UpdateAddon",
"eks:TagResource",
"eks:DescribeFargateProfile",
"eks:CreateFargateProfile",
"eks:DeleteFargateProfile"
],
"Resource": [
"*"
]
},
{
"Effect": "Allow",
"Action": [
"iam:PassRole"
],
"Resource": [
"*"
],
"Condition": {
"StringEquals": {
"iam:PassedToService": "eks.amazonaws.com"
}
}
}
]
}`

export const tencentPermissionsPolicy: PermissionsPolicy = {
  title: 'Tencent Cloud permissions policy',
  attachTo: 'Attach this CAM policy to the sub-user whose API key (Secret ID and Secret Key) you add.',
  text: tencentPolicyText,
}

export const awsPermissionsPolicy: PermissionsPolicy = {
  title: 'AWS controller policy',
  attachTo:
    'Attach this IAM policy to the user (Access Credentials) or role (STS) the console uses. It exceeds the 2048 non-whitespace character limit of an inline policy: create it as a managed policy.',
  text: awsControllerPolicyText,
}

/**
 * Seed 003, "vSphere privileges" (the two roles: root level and Spectro), as the seed's tables list them.
 * vSphere has no policy document: a custom role is given these privileges in vCenter.
 */
const vspherePrivilegesText = `Privileges under root-level role
vSphere Object | Privileges |
---|---|
Cns | Searchable |
Datastore | Browse datastore |
Host | Configuration |
* Storage partition configuration | |
vSphere Tagging | Create vSphere Tag |
Edit vSphere Tag | |
Network | Assign network |
Sessions | Validate session |
Profile-driven storage | Profile-driven storage view |
Storage views | View |
Privileges under Spectro role
vSphere Object | Privileges |
---|---|
Cns | Searchable |
Datastore | Allocate space |
Browse datastore | |
Low level file operations | |
Remove file | |
Update virtual machine files | |
Update virtual machine metadata | |
Folder | Create folder |
Delete folder | |
Move folder | |
Rename folder | |
Host | Local operations |
Reconfigure virtual machine | |
vSphere Tagging | Assign or Unassign vSphere Tag |
Create vSphere Tag | |
Delete vSphere Tag | |
Edit vSphere Tag | |
Network | Assign network |
Resource | Apply recommendation |
Assign virtual machine to resource pool | |
Migrate powered off virtual machine | |
Migrate powered on virtual machine | |
Query vMotion | |
Sessions | Validate session |
Profile-driven storage | Profile-driven storage view |
Storage views | Configure service |
View | |
Tasks | Create task |
Update task | |
vApp | Export |
Import | |
View OVF environment | |
vApp application configuration | |
vApp instance configuration | |
Virtual machines | Change Configuration |
* Acquire disk lease | |
* Add existing disk | |
* Add new disk | |
* Add or remove device | |
* Advanced configuration | |
* Change CPU count | |
* Change Memory | |
* Change Settings | |
* Change Swapfile placement | |
* Change resource | |
* Configure Host USB device | |
* Configure Raw device | |
* Configure managedBy | |
* Display connection settings | |
* Extend virtual disk | |
* Modify device settings | |
* Query Fault Tolerance compatibility | |
* Query unowned files | |
* Reload from path | |
* Remove disk | |
* Rename | |
* Reset guest information | |
* Set annotation | |
* Toggle disk change tracking | |
* Toggle fork parent | |
* Upgrade virtual machine compatibility | |
Edit Inventory | |
* Create from existing | |
* Create new | |
* Move | |
* Register | |
* Remove | |
* Unregister | |
Guest operations | |
* Guest operation alias modification | |
* Guest operation alias query | |
* Guest operation modifications | |
* Guest operation program execution | |
* Guest operation queries | |
Interaction | |
* Console interaction | |
* Power off | |
* Power on | |
Provisioning | |
* Allow disk access | |
* Allow file access | |
* Allow read-only disk access | |
* Allow virtual machine download | |
* Allow virtual machine files upload | |
* Clone template | |
* Clone virtual machine | |
* Create template from virtual machine | |
* Customize guest | |
* Deploy template | |
* Mark as template | |
* Mark as virtual machine | |
* Modify customization specification | |
* Promote disks | |
* Read customization specifications | |
Service configuration | |
* Allow notifications | |
* Allow polling of global event notifications | |
* Manage service configurations | |
* Modify service configuration | |
* Query service configurations | |
* Read service configuration | |
Snapshot management | |
* Create snapshot | |
* Remove snapshot | |
* Rename snapshot | |
* Revert to snapshot | |
vSphere Replication | |
* Configure replication | |
* Manage replication | |
* Monitor replication | |
vSAN | Cluster |
ShallowRekey |`

export const vspherePermissionsPolicy: PermissionsPolicy = {
  title: 'vSphere privileges',
  attachTo:
    'Give the vCenter user these privileges (or the Administrator role): the root-level role on the vCenter root, the Spectro role on the datacenter, clusters, datastores, networks and folders the clusters use.',
  text: vspherePrivilegesText,
}

/** The policy as shown and copied: a JSON document indented two spaces per level; other text as it is. */
export function formatPolicy(policy: PermissionsPolicy): string {
  try {
    return JSON.stringify(JSON.parse(policy.text), null, 2)
  } catch {
    return policy.text
  }
}
