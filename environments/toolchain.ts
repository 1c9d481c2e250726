// The one Terraform version: the workflows install it (the build job passes it on from `npm run ci-env`),
// and every synthesized stack pins `required_version` to it, so a plan made by any other Terraform fails
// at init instead of writing state in a newer format. It sits in environments/, the ground that stacks/
// and delivery/ both read, so that no stack imports delivery/.
export const TERRAFORM_VERSION = '1.11.4';
