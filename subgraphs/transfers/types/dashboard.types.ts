import { ConnectionType } from '../../../shared/graphql/connection';
import { EnterpriseAgreement } from '../entities/enterprise-agreement.entity';

export const EnterpriseAgreementConnection = ConnectionType('EnterpriseAgreement', EnterpriseAgreement);
