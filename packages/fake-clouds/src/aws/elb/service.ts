import * as elbSdk from '@aws-sdk/client-elastic-load-balancing-v2'
import type { QueryService } from '../query-service.ts'
import * as lb from './load-balancers.ts'
import * as tg from './target-groups.ts'

/** Elastic Load Balancing v2 (Version 2015-12-01): enough for an API-server load balancer. */
export const elbService: QueryService = {
  iamPrefix: 'elasticloadbalancing',
  version: '2015-12-01',
  xmlns: 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/',
  sdk: elbSdk as Record<string, unknown>,
  handlers: {
    CreateLoadBalancer: lb.createLoadBalancer,
    DescribeLoadBalancers: lb.describeLoadBalancers,
    DeleteLoadBalancer: lb.deleteLoadBalancer,
    CreateListener: lb.createListener,
    DescribeListeners: lb.describeListeners,
    DeleteListener: lb.deleteListener,
    AddTags: lb.addTags,
    RemoveTags: lb.removeTags,
    DescribeTags: lb.describeTags,
    CreateTargetGroup: tg.createTargetGroup,
    DescribeTargetGroups: tg.describeTargetGroups,
    DeleteTargetGroup: tg.deleteTargetGroup,
    RegisterTargets: tg.registerTargets,
    DeregisterTargets: tg.deregisterTargets,
    DescribeTargetHealth: tg.describeTargetHealth,
  },
}
